package org.jxapi.networkd.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the JSON-RPC call a {@link Networkd} method is on the networkd socket: the original's
 * method name and its parameter names after {@code debug_info}, which is always first. The client
 * and the server's dispatch are both derived from these declarations, so a new call is this
 * annotation on a new method plus its implementation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NetworkdCall {
    /** The original's method name, e.g. {@code Bridge.make_config}. */
    String value();

    /** The original's parameter names after {@code debug_info}, in order. */
    String[] params() default {};

    /** Parameters of option type: {@code null} for None, read from null, [], [x] or a bare x. */
    String[] options() default {};

    /** Map parameters the original sends as a list of {@code [key, value]} pairs rather than an object. */
    String[] pairs() default {};
}
