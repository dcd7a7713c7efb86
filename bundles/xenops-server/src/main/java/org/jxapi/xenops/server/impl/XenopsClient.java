package org.jxapi.xenops.server.impl;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.json.XenopsJson;

/**
 * A {@link Xenops} that calls an instance over its Unix socket: JSON-RPC 2.0, {@code POST /},
 * positional parameters with the debug string first, the calls as {@link XenopsCalls} reads them
 * from the {@code Xenops} declarations. Jetty's HttpClient carries the requests and keeps the
 * connections. Safe for concurrent use.
 */
public interface XenopsClient extends Xenops, AutoCloseable {
    /** A client of the instance listening on {@code socket}; {@code queue} is only reported back. */
    static XenopsClient connect(Path socket, String queue) {
        return Connection.proxy(socket, queue);
    }

    @Override
    void close();

    /** The proxy's calls: one HTTP POST each. */
    final class Connection implements InvocationHandler {
        /** The largest response read: VM.list and get_diagnostics of many VMs are big but not this big. */
        private static final int MAX_RESPONSE = 64 << 20;

        private final Path socket;
        private final Transport transport;
        private final String queue;
        private final HttpClient http;
        private final AtomicLong ids = new AtomicLong();

        // Here rather than in connect(): bnd follows a proxy's interface, and would loop on its own class.
        static XenopsClient proxy(Path socket, String queue) {
            return (XenopsClient) Proxy.newProxyInstance(XenopsClient.class.getClassLoader(),
                    new Class<?>[] {XenopsClient.class}, new Connection(socket, queue));
        }

        private Connection(Path socket, String queue) {
            this.socket = socket;
            this.transport = new Transport.TCPUnix(socket);
            this.queue = queue;
            QueuedThreadPool threads = new QueuedThreadPool(16, 1);
            threads.setName("xenops-client-" + socket.getFileName());
            threads.setDaemon(true);
            this.http = new HttpClient();
            http.setExecutor(threads);
            // UPDATES.get waits for changes: a connection may stay silent as long as the server allows.
            http.setIdleTimeout(10 * 60 * 1000L);
            try {
                http.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the xenops client of " + socket, e);
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "queueName":
                    return queue;
                case "close":
                    http.stop();
                    return null;
                case "toString":
                    return "XenopsClient[" + socket + "]";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
            XenopsCalls.Call call = XenopsCalls.byMethod(method);
            if (call == null) {
                throw new UnsupportedOperationException(method.toString());
            }
            List<Object> params = new ArrayList<>(call.names().size());
            for (int i = 0; i < call.names().size(); i++) {
                // Names past the method's parameters are the original's unit parameters.
                params.add(i < args.length ? call.encode(i, args[i]) : null);
            }
            Object result = post(call.name(), params);
            Class<?> type = method.getReturnType();
            if (type == void.class) {
                return null;
            }
            // Task ids, flags and counters, most results, need no mapping.
            if (type == String.class && result instanceof String || type == boolean.class && result instanceof Boolean
                    || type == long.class && result instanceof Long) {
                return result;
            }
            if (type == int.class && result instanceof Number n) {
                return n.intValue();
            }
            return XenopsJson.fromPlain(result, method.getGenericReturnType());
        }

        private Object post(String name, List<Object> params) {
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("jsonrpc", "2.0");
            req.put("method", name);
            req.put("params", params);
            req.put("id", ids.incrementAndGet());
            Request r = http.newRequest("http://localhost/").method(HttpMethod.POST)
                    .transport(transport)
                    .body(new BytesRequestContent("application/json", XenopsJson.write(req)));
            ContentResponse resp;
            try {
                resp = new CompletableResponseListener(r, MAX_RESPONSE).send().get();
            } catch (InterruptedException e) {
                r.abort(e);
                Thread.currentThread().interrupt();
                throw new XenopsException(XenopsError.of(XenopsErrorCode.CANCELLED, name));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new UncheckedIOException("xenops socket " + socket + ": " + cause.getMessage(),
                        cause instanceof IOException io ? io : new IOException(cause));
            }
            if (resp.getStatus() != HttpStatus.OK_200) {
                throw new UncheckedIOException("xenops socket " + socket + ": HTTP " + resp.getStatus(),
                        new IOException(resp.getContentAsString()));
            }
            Object parsed = XenopsJson.parse(resp.getContent());
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("response: expected an object, got " + parsed);
            }
            Object error = m.get("error");
            if (error != null) {
                throw new XenopsException(errorOf(error));
            }
            return m.get("result");
        }

        private static XenopsError errorOf(Object error) {
            if (error instanceof Map<?, ?> e) {
                Object data = e.get("data");
                if (data != null) {
                    return XenopsJson.fromPlain(data, XenopsError.class);
                }
                return XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, String.valueOf(e.get("message")));
            }
            return XenopsJson.fromPlain(error, XenopsError.class);
        }
    }
}
