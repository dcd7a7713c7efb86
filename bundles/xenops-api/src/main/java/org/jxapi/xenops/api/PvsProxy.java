package org.jxapi.xenops.api;

import java.util.List;

/** A PVS proxy: its site, the PVS servers and the proxy's interface. */
public record PvsProxy(String site, List<Server> servers, String interfaceName) {
    public record Server(List<String> addresses, int firstPort, int lastPort) {
        public Server {
            addresses = Copies.list(addresses);
        }
    }

    public PvsProxy {
        servers = Copies.list(servers);
    }
}
