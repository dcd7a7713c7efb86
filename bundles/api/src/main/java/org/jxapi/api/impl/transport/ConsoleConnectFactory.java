package org.jxapi.api.impl.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.jxapi.api.impl.dispatch.RpcDispatcher;

/**
 * Recognises the original's console request, {@code CONNECT /console?ref=...} (or {@code uuid=}),
 * before Jetty's HTTP parser sees it: CONNECT with a path instead of host:port is not HTTP, and Jetty
 * would answer 400. Everything else goes on to HTTP/1.1.
 */
final class ConsoleConnectFactory extends AbstractConnectionFactory implements ConnectionFactory.Detecting {
    private static final byte[] PREFIX = "CONNECT /".getBytes(StandardCharsets.US_ASCII);

    private final RpcDispatcher core;

    ConsoleConnectFactory(RpcDispatcher core) {
        super("xapi-console");
        this.core = core;
    }

    /** The factories of a connector: console detection in front of HTTP/1.1. */
    static ConnectionFactory[] withHttp(RpcDispatcher core, HttpConnectionFactory http) {
        return new ConnectionFactory[] {new DetectorConnectionFactory(new ConsoleConnectFactory(core)), http};
    }

    @Override
    public Detection detect(ByteBuffer buffer) {
        int n = Math.min(buffer.remaining(), PREFIX.length);
        for (int i = 0; i < n; i++) {
            if (buffer.get(buffer.position() + i) != PREFIX[i]) {
                return Detection.NOT_RECOGNIZED;
            }
        }
        return n < PREFIX.length ? Detection.NEED_MORE_BYTES : Detection.RECOGNIZED;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        return configure(new ConsoleTunnel(endPoint, connector.getExecutor(), core), connector, endPoint);
    }
}
