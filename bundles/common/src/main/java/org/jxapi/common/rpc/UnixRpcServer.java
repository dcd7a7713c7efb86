package org.jxapi.common.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jxapi.common.net.UnixSocketPath;

/**
 * Serves a {@link RpcDispatcher} with HTTP/1.1 on a Unix domain socket: {@code POST /}, one JSON-RPC
 * request per body. {@link #start} replaces a socket file a dead process left; {@link #stop}
 * removes it. Not restartable: make a new one.
 */
public final class UnixRpcServer {
    /** Long calls (an update feed's wait) keep a connection silent this long between requests. */
    private static final long IDLE_TIMEOUT_MS = 10 * 60 * 1000L;

    private final Path socket;
    private final RpcDispatcher dispatcher;
    private final String name;
    private Server server;

    /** {@code name} names the server's threads, e.g. {@code xenops-rpc}. */
    public UnixRpcServer(Path socket, RpcDispatcher dispatcher, String name) {
        this.socket = socket;
        this.dispatcher = dispatcher;
        this.name = name;
    }

    public Path socket() {
        return socket;
    }

    public synchronized void start() throws Exception {
        // Said plainly here, rather than as the JDK's bare "Unix domain path too long" from the bind.
        UnixSocketPath.check(socket);
        Files.createDirectories(socket.toAbsolutePath().getParent());
        // A socket left by a process that died would make the bind fail.
        Files.deleteIfExists(socket);
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName(name + "-" + socket.getFileName());
        threads.setDaemon(true);
        Server s = new Server(threads);
        // A local RPC peer has no use for the Server and Date headers: each one is parsed on every reply.
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        UnixDomainServerConnector connector = new UnixDomainServerConnector(s, new HttpConnectionFactory(http));
        connector.setUnixDomainPath(socket);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        s.addConnector(connector);
        s.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!HttpMethod.POST.is(request.getMethod())) {
                    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                    return true;
                }
                byte[] body = body(request);
                byte[] out = dispatcher.handle(body);
                response.setStatus(HttpStatus.OK_200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
                response.write(true, ByteBuffer.wrap(out), callback);
                return true;
            }
        });
        s.start();
        server = s;
    }

    /**
     * The request body. A request is small and has mostly arrived with its headers: its chunks are
     * taken as they are, and only a body still on its way is waited for through a blocking stream
     * (reading every body through that stream cost more CPU than dispatching the call).
     */
    private static byte[] body(Request request) throws IOException {
        ByteArrayOutputStream out = null;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    byte[] rest = in.readAllBytes();
                    if (out == null) {
                        return rest;
                    }
                    out.write(rest);
                    return out.toByteArray();
                }
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw new IOException("reading the request", chunk.getFailure());
            }
            ByteBuffer b = chunk.getByteBuffer();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            boolean last = chunk.isLast();
            chunk.release();
            if (last && out == null) {
                return bytes;
            }
            if (out == null) {
                out = new ByteArrayOutputStream(Math.max(256, bytes.length * 2));
            }
            out.write(bytes);
            if (last) {
                return out.toByteArray();
            }
        }
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                // stopping is best effort; the socket file goes below
            }
            server = null;
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // a leftover socket file is removed at the next start
        }
    }
}
