package org.jxapi.api.impl.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jxapi.api.Call;
import org.jxapi.api.impl.dispatch.Origin;
import org.jxapi.api.impl.dispatch.RpcDispatcher;
import org.jxapi.api.spi.HttpEndpoint;
import org.jxapi.api.spi.HttpEndpointRequest;
import org.jxapi.api.spi.HttpEndpointResponse;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints other bundles register, by path. A request must name a valid session
 * ({@code session_id} in the query or a cookie) or carry basic authentication, and its role must
 * allow the endpoint's permission; then the endpoint runs with that call as the current one.
 */
final class EndpointRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointRegistry.class);

    private record Entry(HttpEndpoint endpoint, MessageMeta permission) { }

    private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
    private final RpcDispatcher core;

    EndpointRegistry(RpcDispatcher core) {
        this.core = core;
    }

    void add(HttpEndpoint endpoint, Map<String, ?> props) {
        Object path = props.get(HttpEndpoint.PATH);
        if (!(path instanceof String p) || !p.startsWith("/")) {
            LOG.warn("ignoring HTTP endpoint {} without a {} property", endpoint, HttpEndpoint.PATH);
            return;
        }
        MessageMeta permission = null;
        if (props.get(HttpEndpoint.PERMISSION) instanceof String perm) {
            permission = Model.message(perm);
            if (permission == null) {
                LOG.warn("HTTP endpoint {}: unknown permission {}; only pool-admin may use it", p, perm);
            }
        }
        byPath.put(p, new Entry(endpoint, permission));
    }

    void remove(HttpEndpoint endpoint) {
        byPath.values().removeIf(e -> e.endpoint == endpoint);
    }

    boolean handle(String path, Request request, Response response, Callback callback, Origin origin) {
        Entry e = byPath.get(path);
        if (e == null) {
            response.setStatus(404);
            callback.succeeded();
            return true;
        }
        Map<String, List<String>> query = query(request);
        Ref<Session> temporary = null;
        try {
            String session = first(query, "session_id");
            if (session == null) {
                for (HttpCookie c : Request.getCookies(request)) {
                    if (c.getName().equals("session_id")) {
                        session = c.getValue();
                    }
                }
            }
            if (session == null) {
                temporary = basicLogin(request, origin);
                if (temporary == null) {
                    response.setStatus(401);
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"xapi\"");
                    callback.succeeded();
                    return true;
                }
                session = temporary.handle();
            }
            Call call;
            try {
                call = core.authenticate(session, e.permission);
            } catch (XenApiException x) {
                RpcHandler.fail(response, callback, x.code().equals("RBAC_PERMISSION_DENIED") ? 403 : 401,
                        String.join(" ", x.errorDescription()));
                return true;
            }
            RequestView in = new RequestView(request, query, call);
            ResponseView out = new ResponseView(response);
            core.withCall(call, () -> {
                try {
                    e.endpoint.handle(in, out);
                    return null;
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            });
            out.finish();
            callback.succeeded();
        } catch (RuntimeException | IOException x) {
            LOG.warn("HTTP endpoint {} failed", path, x);
            if (!response.isCommitted()) {
                RpcHandler.fail(response, callback, 500, x.toString());
            } else {
                callback.failed(x);
            }
        } finally {
            if (temporary != null) {
                core.logout(temporary);
            }
        }
        return true;
    }

    private Ref<Session> basicLogin(Request request, Origin origin) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return core.loginForRequest(decoded.substring(0, colon), decoded.substring(colon + 1), origin);
        } catch (XenApiException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Map<String, List<String>> query(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String q = request.getHttpURI().getQuery();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** The endpoint's view of one request. */
    private static final class RequestView implements HttpEndpointRequest {
        private final Request request;
        private final Map<String, List<String>> query;
        private final Call call;

        RequestView(Request request, Map<String, List<String>> query, Call call) {
            this.request = request;
            this.query = query;
            this.call = call;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return Request.getPathInContext(request);
        }

        @Override
        public Map<String, List<String>> query() {
            return query;
        }

        @Override
        public String header(String name) {
            return request.getHeaders().get(name);
        }

        @Override
        public long contentLength() {
            return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        }

        @Override
        public InputStream body() {
            return Content.Source.asInputStream(request);
        }

        @Override
        public Call call() {
            return call;
        }
    }

    /** The endpoint's view of its response. */
    private static final class ResponseView implements HttpEndpointResponse {
        private final Response response;
        private OutputStream out;

        ResponseView(Response response) {
            this.response = response;
        }

        @Override
        public void status(int code) {
            response.setStatus(code);
        }

        @Override
        public void header(String name, String value) {
            response.getHeaders().put(name, value);
        }

        @Override
        public OutputStream body() {
            if (out == null) {
                out = Content.Sink.asOutputStream(response);
            }
            return out;
        }

        void finish() throws IOException {
            body().close();
        }
    }
}
