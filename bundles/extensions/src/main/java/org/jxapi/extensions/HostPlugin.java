package org.jxapi.extensions;

import java.util.Map;

import org.jxapi.api.Call;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A host plugin served by a bundle: what {@code host.call_plugin(session, host, plugin, fn, args)}
 * reaches, as executables under {@code <hook root>/plugins/} are reached in the original. Register
 * with {@value #NAME} set to the plugin name; a service wins over an executable of the same name.
 */
@ConsumerType
public interface HostPlugin {
    /** Service property: the plugin name. */
    String NAME = "xenapi.plugin.name";

    /**
     * Runs function {@code fn} with {@code args}; the string returned is the call's result. Throw
     * {@link org.jxapi.xenapi.model.XenApiException} to fail with a XenAPI error; any other
     * exception fails the call with {@code XENAPI_PLUGIN_FAILURE}.
     */
    String call(Call call, String fn, Map<String, String> args);
}
