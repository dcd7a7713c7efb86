package org.jxapi.xenops.server.impl;

import java.nio.file.Path;

import org.jxapi.common.rpc.RpcClient;
import org.jxapi.xenops.api.Xenops;

/**
 * A {@link Xenops} that calls an instance over its Unix socket: JSON-RPC 2.0, {@code POST /},
 * positional parameters with the debug string first, the calls as {@link XenopsCalls} reads them
 * from the {@code Xenops} declarations; common's {@link RpcClient} carries them. Safe for
 * concurrent use.
 */
public interface XenopsClient extends Xenops, AutoCloseable {
    /** A client of the instance listening on {@code socket}; {@code queue} is only reported back. */
    static XenopsClient connect(Path socket, String queue) {
        return Proxies.proxy(socket, queue);
    }

    @Override
    void close();

    /** The proxy's construction. */
    final class Proxies {
        private Proxies() {
        }

        // Here rather than in connect(): bnd follows a proxy's interface, and would loop on its own class.
        static XenopsClient proxy(Path socket, String queue) {
            RpcClient client = new RpcClient(socket, XenopsCalls.TABLE, XenopsCalls.ERRORS, "xenops-client");
            return RpcClient.proxy(XenopsClient.class, client, (proxy, method, args) -> {
                if (method.getName().equals("queueName") && method.getParameterCount() == 0) {
                    return queue;
                }
                throw new UnsupportedOperationException(method.toString());
            });
        }
    }
}
