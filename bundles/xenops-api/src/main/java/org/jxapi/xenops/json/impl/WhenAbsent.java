package org.jxapi.xenops.json.impl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The original's default of a record field that a client leaves out (or sends as null), as text:
 * {@code "true"}, {@code "1500"}, {@code "1.0"}, an enum constant's name, or a string (also empty,
 * which {@code @JsonProperty(defaultValue)} cannot say). Read by {@link Defaults}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@interface WhenAbsent {
    String value();
}
