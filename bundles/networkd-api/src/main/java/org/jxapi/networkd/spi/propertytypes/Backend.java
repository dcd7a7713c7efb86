package org.jxapi.networkd.spi.propertytypes;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names a network backend: {@code @Backend("openvswitch")} gives the service property
 * {@code networkd.backend=openvswitch}, which an instance's {@code backend.target} filter selects.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Backend {
    String PREFIX_ = "networkd.";

    String value();
}
