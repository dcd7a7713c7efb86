package org.jxapi.networkd.impl;

import java.nio.file.Path;

import org.jxapi.common.rpc.RpcClient;
import org.jxapi.networkd.api.Networkd;

/**
 * A {@link Networkd} that calls an instance over its Unix socket: JSON-RPC 2.0, {@code POST /},
 * positional parameters with the debug string first, the calls derived from the {@code @NetworkdCall}
 * declarations ({@link NetworkdRpc}); common's {@link RpcClient} carries them. Safe for concurrent use.
 */
public interface NetworkdClient extends Networkd, AutoCloseable {
    /** A client of the instance listening on {@code socket}; {@code instance} is only reported back. */
    static NetworkdClient connect(Path socket, String instance) {
        return Proxies.proxy(socket, instance);
    }

    @Override
    void close();

    /** The proxy's construction. */
    final class Proxies {
        private Proxies() {
        }

        // Here rather than in connect(): bnd follows a proxy's interface, and would loop on its own class.
        static NetworkdClient proxy(Path socket, String instance) {
            RpcClient client = new RpcClient(socket, NetworkdRpc.CALLS, NetworkdRpc.ERRORS, "networkd-client");
            return RpcClient.proxy(NetworkdClient.class, client, (proxy, method, args) -> {
                if (method.getName().equals("instanceName") && method.getParameterCount() == 0) {
                    return instance;
                }
                throw new UnsupportedOperationException(method.toString());
            });
        }
    }
}
