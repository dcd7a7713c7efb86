package org.jxapi.xenops.spi.propertytypes;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names a xenops backend: {@code @Backend("simulator")} gives the service property
 * {@code xenops.backend=simulator}, which an instance's {@code backend.target} filter selects.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Backend {
    String PREFIX_ = "xenops.";

    String value();
}
