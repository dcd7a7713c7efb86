package org.jxapi.storage.spi.propertytypes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The SR type a driver component serves: {@code @SrType("file")} gives the service property
 * {@code sr.type=file}, which the storage multiplexer routes by.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SrType {
    /** The service property's name, for drivers registered without DS. */
    String PROPERTY = "sr.type";

    String value();
}
