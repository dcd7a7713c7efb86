package org.jxapi.xenops.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the JSON-RPC call a {@link Xenops} method is on the xenops socket: the original's method
 * name and the original's parameter names after {@code debug_info}, which is always first. The
 * JSON-RPC client and the server's dispatch are both derived from these declarations, so a new call
 * is this annotation on a new method plus its implementation.
 *
 * <p>Names past the method's own parameters are the original's {@code unit} parameters: sent as
 * {@code null}, ignored when received. Values take the wire shapes of their Java types; a value's
 * parameter name is part of its shape where the original's differ by name only (an
 * {@link IpConfiguration} named {@code ipv6_...} takes the IPv6 tags).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface XenopsCall {
    /** The original's method name, e.g. {@code VM.start}. */
    String value();

    /** The original's parameter names after {@code debug_info}, in order. */
    String[] params() default {};

    /** Parameters of option type: sent as {@code null} for None, read from null, [], [x] or a bare x. */
    String[] options() default {};

    /** Map parameters the original sends as a list of {@code [key, value]} pairs rather than an object. */
    String[] pairs() default {};
}
