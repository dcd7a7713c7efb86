package org.jxapi.common.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The client side of a {@link CallTable}: JSON-RPC 2.0 requests, one {@code POST /} each, over a
 * Unix domain socket with Jetty's HttpClient, which keeps the connections. Safe for concurrent use.
 * Transport failures are UncheckedIOException; error responses become the API's exceptions through
 * its {@link RpcErrors}.
 */
public final class RpcClient implements AutoCloseable {
    /** The largest response read: lists of many objects are big, but not this big. */
    private static final int MAX_RESPONSE = 64 << 20;
    /** Long calls (an update feed's wait) keep a connection silent as long as the server allows. */
    private static final long IDLE_TIMEOUT_MS = 10 * 60 * 1000L;
    /** Every call is a POST of the same URI: parsed once, not per request. */
    private static final URI ENDPOINT = URI.create("http://localhost/");

    private final Path socket;
    private final CallTable table;
    private final RpcErrors errors;
    private final Transport transport;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    /** Starts a client of the server on {@code socket}; {@code name} names its threads. */
    public RpcClient(Path socket, CallTable table, RpcErrors errors, String name) {
        this.socket = socket;
        this.table = table;
        this.errors = errors;
        this.transport = new Transport.TCPUnix(socket);
        this.http = new HttpClient();
        QueuedThreadPool threads = new QueuedThreadPool(16, 1);
        threads.setName(name + "-" + socket.getFileName());
        threads.setDaemon(true);
        http.setExecutor(threads);
        // A JSON-RPC peer on a local socket sends no cookies, redirects, challenges or compressed
        // bodies: without their handlers a call does not build and match them on every request.
        http.setHttpCookieStore(new HttpCookieStore.Empty());
        http.getContentDecoderFactories().clear();
        http.getProtocolHandlers().clear();
        http.setFollowRedirects(false);
        http.setUserAgentField(null);
        http.setIdleTimeout(IDLE_TIMEOUT_MS);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the RPC client of " + socket, e);
        }
    }

    public Path socket() {
        return socket;
    }

    public CallTable table() {
        return table;
    }

    /** Calls {@code call} with the Java arguments {@code args} and returns its Java result. */
    public Object call(RpcCall call, Object[] args) {
        return call.decodeResult(post(call.name(), call.encodeAll(args)));
    }

    /** Sends one request and returns its plain result, or throws its error. */
    public Object post(String method, List<Object> params) {
        RpcCodec codec = table.codec();
        byte[] body = codec.write(JsonRpc.request(method, params, ids.incrementAndGet()));
        Request r = http.newRequest(ENDPOINT).method(HttpMethod.POST).transport(transport)
                .body(new BytesRequestContent("application/json", body));
        ContentResponse resp;
        try {
            resp = new CompletableResponseListener(r, MAX_RESPONSE).send().get();
        } catch (InterruptedException e) {
            r.abort(e);
            Thread.currentThread().interrupt();
            throw errors.interrupted(method);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new UncheckedIOException("RPC socket " + socket + ": " + cause.getMessage(),
                    cause instanceof IOException io ? io : new IOException(cause));
        }
        if (resp.getStatus() != HttpStatus.OK_200) {
            throw new UncheckedIOException("RPC socket " + socket + ": HTTP " + resp.getStatus(),
                    new IOException(resp.getContentAsString()));
        }
        Object parsed = codec.parse(resp.getContent());
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("response: expected an object, got " + parsed);
        }
        RpcError error = JsonRpc.errorOf(m);
        if (error != null) {
            throw errors.exception(error);
        }
        return m.get("result");
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // best effort: the threads are daemons and the connections close with the process
        }
    }

    /**
     * A proxy of {@code type} whose calls of the table go to {@code client}: {@code close()} closes
     * the client, and methods outside the table go to {@code local} (a name the client reports, say).
     */
    public static <T> T proxy(Class<T> type, RpcClient client, InvocationHandler local) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Handler(client, local)));
    }

    private record Handler(RpcClient client, InvocationHandler local) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            RpcCall call = client.table.byMethod(method);
            if (call != null) {
                return client.call(call, args);
            }
            int n = method.getParameterCount();
            switch (method.getName()) {
                case "close":
                    if (n == 0) {
                        client.close();
                        return null;
                    }
                    break;
                case "toString":
                    if (n == 0) {
                        return "RpcClient[" + client.table.api().getSimpleName() + " on " + client.socket + "]";
                    }
                    break;
                case "hashCode":
                    if (n == 0) {
                        return System.identityHashCode(proxy);
                    }
                    break;
                case "equals":
                    if (n == 1) {
                        return proxy == args[0];
                    }
                    break;
                default:
                    break;
            }
            return local.invoke(proxy, method, args);
        }
    }
}
