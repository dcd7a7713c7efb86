package org.jxapi.xenops.server.impl;

import org.jxapi.common.rpc.RpcDispatcher;
import org.jxapi.xenops.api.Xenops;

/**
 * The xenops JSON-RPC interface over a {@link Xenops}: the calls as {@link XenopsCalls} reads them
 * from the {@code Xenops} declarations, with the original's method names and parameter order
 * (debug string first). Parameters come as a positional array, or, as the original's clients
 * send them, as one object keyed by the original's parameter names. JSON-RPC 1.0 errors carry the
 * xenops error itself; 2.0 errors carry it as {@code data}. The envelope and dispatch are common's
 * {@link RpcDispatcher}.
 */
final class XenopsRpcDispatcher {
    private final RpcDispatcher dispatcher;

    XenopsRpcDispatcher(Xenops xenops) {
        this.dispatcher = new RpcDispatcher(XenopsCalls.TABLE, xenops, XenopsCalls.ERRORS);
    }

    /** Handles one request body and returns the response body. */
    byte[] handle(byte[] body) {
        return dispatcher.handle(body);
    }

    RpcDispatcher dispatcher() {
        return dispatcher;
    }
}
