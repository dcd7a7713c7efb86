package org.jxapi.xenops.server.impl;

import java.nio.file.Path;

import org.jxapi.common.rpc.UnixRpcServer;

/** Serves the xenops JSON-RPC interface with HTTP on a Unix domain socket ({@code POST /}), common's {@link UnixRpcServer}. */
final class RpcServer {
    private final UnixRpcServer server;

    RpcServer(Path socket, XenopsRpcDispatcher dispatcher) {
        this.server = new UnixRpcServer(socket, dispatcher.dispatcher(), "xenops-rpc");
    }

    Path socket() {
        return server.socket();
    }

    void start() throws Exception {
        server.start();
    }

    void stop() {
        server.stop();
    }
}
