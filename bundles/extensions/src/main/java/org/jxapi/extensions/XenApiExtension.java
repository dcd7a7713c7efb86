package org.jxapi.extensions;

import java.util.List;

import org.jxapi.api.Call;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A XenAPI extension: an RPC the model does not declare, served by a bundle instead of an
 * executable under {@code <hook root>/extensions/}. Register with {@value #NAME} set to the call
 * name (for example {@code sample.hello}); a service wins over an executable of the same name.
 *
 * <p>Clients reach it two ways, as in the original: {@code host.call_extension(session, host,
 * call)} where {@code call} is a JSON-RPC request text naming it, or by calling the name directly.
 * A direct call needs a valid session as its first parameter and the pool-admin role.
 */
@ConsumerType
public interface XenApiExtension {
    /** Service property: the call name this extension answers. */
    String NAME = "xenapi.extension.name";

    /**
     * Answers one call. {@code params} are as the client sent them, in raw form ({@code String},
     * {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}), by convention the
     * session first. Returns a raw value (a {@code String} for {@code host.call_extension}, whose
     * result type is string); throws {@link org.jxapi.xenapi.model.XenApiException} to fail with a
     * XenAPI error.
     */
    Object call(Call call, List<Object> params);
}
