package org.jxapi.common.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpStatus;

/**
 * The client side of a {@link CallTable}: JSON-RPC 2.0 requests, one {@code POST /} each, over a
 * Unix domain socket, on kept-alive HTTP/1.1 connections (one per concurrent caller, reused). Safe for
 * concurrent use. Transport failures are UncheckedIOException; error responses become the API's
 * exceptions through its {@link RpcErrors}; an interrupted caller gets {@link RpcErrors#interrupted}.
 *
 * <p>Why not Jetty's HttpClient, which this client first used: it handles each response on its
 * selector and pool threads and then wakes the caller, which made a small call over the socket cost
 * about 80 us against 36 us for the socket's own round trip, and EngineBench's 1,000 VMs through the
 * socket two to three times slower than the hand-written client it replaced. {@link HttpOverUnixSocket}
 * keeps Jetty's HTTP generator and parser, and blocks on the caller's thread.
 */
public final class RpcClient implements AutoCloseable {
    /** The largest response read: lists of many objects are big, but not this big. */
    private static final int MAX_RESPONSE = 64 << 20;
    /** A call that has had no response for this long is failed (its connection is closed). */
    private static final long STUCK_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Path socket;
    private final CallTable table;
    private final RpcErrors errors;
    private final AtomicLong ids = new AtomicLong();
    private final Deque<HttpOverUnixSocket> idle = new ConcurrentLinkedDeque<>();
    private final Set<HttpOverUnixSocket> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private volatile boolean closed;

    /** A client of the server on {@code socket}; {@code name} names its watchdog thread. */
    public RpcClient(Path socket, CallTable table, RpcErrors errors, String name) {
        this.socket = socket;
        this.table = table;
        this.errors = errors;
        String thread = name + "-watchdog-" + socket.getFileName();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::closeStuck, 30, 30, TimeUnit.SECONDS);
    }

    public Path socket() {
        return socket;
    }

    public CallTable table() {
        return table;
    }

    /** Calls {@code call} with the Java arguments {@code args} and returns its Java result. */
    public Object call(RpcCall call, Object[] args) {
        RpcCodec.Reply reply = send(call.name(), call.encodeAll(args), call.resultType());
        if (call.resultType() == null) {
            return null;
        }
        return reply.typed() ? reply.result() : call.decodeResult(reply.result());
    }

    /** Sends one request and returns its plain result, or throws its error. */
    public Object post(String method, List<Object> params) {
        return send(method, params, null).result();
    }

    /** Sends one request; its reply, the result read as {@code resultType} where the codec can, or throws its error. */
    private RpcCodec.Reply send(String method, List<Object> params, java.lang.reflect.Type resultType) {
        RpcCodec codec = table.codec();
        byte[] body = codec.write(JsonRpc.request(method, params, ids.incrementAndGet()));
        HttpOverUnixSocket.Response resp = exchange(method, body);
        if (resp.status() != HttpStatus.OK_200) {
            throw new UncheckedIOException("RPC socket " + socket + ": HTTP " + resp.status(),
                    new IOException(new String(resp.body(), StandardCharsets.UTF_8)));
        }
        RpcCodec.Reply reply = codec.readReply(resp.body(), resultType);
        RpcError error = JsonRpc.errorOf(reply.error());
        if (error != null) {
            throw errors.exception(error);
        }
        return reply;
    }

    /**
     * One request on an idle connection or a new one. A kept-alive connection the server closed
     * while idle fails before any byte of a response: the request is sent once more on a new
     * connection (the server never read it); any other failure is the caller's.
     */
    private HttpOverUnixSocket.Response exchange(String method, byte[] body) {
        HttpOverUnixSocket c = idle.pollFirst();
        boolean reused = c != null;
        for (int attempt = 0;; attempt++) {
            try {
                if (c == null) {
                    c = connect();
                }
                HttpOverUnixSocket.Response r = c.post(body);
                if (r.keepAlive() && !closed) {
                    idle.offerFirst(c);
                } else {
                    discard(c);
                }
                return r;
            } catch (IOException e) {
                if (c != null) {
                    discard(c);
                }
                if (Thread.currentThread().isInterrupted() || e.getCause() instanceof ClosedByInterruptException) {
                    throw errors.interrupted(method);
                }
                boolean retry = reused && attempt == 0 && e instanceof HttpOverUnixSocket.ExchangeFailure f
                        && !f.anyReceived && !closed;
                if (!retry) {
                    throw new UncheckedIOException("RPC socket " + socket + ": " + e.getMessage(), e);
                }
                c = null;
            }
        }
    }

    private HttpOverUnixSocket connect() throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        HttpOverUnixSocket c = new HttpOverUnixSocket(socket, MAX_RESPONSE);
        open.add(c);
        return c;
    }

    private void discard(HttpOverUnixSocket c) {
        open.remove(c);
        c.close();
    }

    /** Closes connections whose call has waited too long (a server that hangs fails the call, not the caller). */
    private void closeStuck() {
        long now = System.nanoTime();
        for (HttpOverUnixSocket c : open) {
            long since = c.busySince;
            if (since != 0 && now - since > STUCK_NANOS) {
                discard(c);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        for (HttpOverUnixSocket c : open) {
            discard(c);
        }
        idle.clear();
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
