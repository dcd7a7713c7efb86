package org.jxapi.api.impl.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.jxapi.api.impl.dispatch.Origin;
import org.jxapi.api.impl.dispatch.Outcome;
import org.jxapi.api.impl.dispatch.RpcDispatcher;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.wire.JsonWire;
import org.jxapi.xenapi.wire.RawCall;
import org.jxapi.xenapi.wire.WireFormatException;
import org.jxapi.xenapi.wire.XmlRpcMessages;
import org.jxapi.xenapi.wire.XmlRpcParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RPC paths: {@code POST /} and {@code /RPC2} (XML-RPC), {@code /jsonrpc} (JSON-RPC 1.0 and
 * 2.0), {@code /json} (the XML-RPC envelope as JSON), {@code OPTIONS} anywhere (CORS). Other paths
 * go to the HTTP endpoints other bundles register. A body that is not a call gets HTTP 500.
 */
final class RpcHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RpcHandler.class);

    private enum Format { XMLRPC, JSONRPC, LEGACY_JSON }

    private final RpcDispatcher core;
    private final EndpointRegistry endpoints;
    private final int maxRequestBytes;
    /** Where work goes when a body arrives after the handler returned: never the selector thread. */
    private final java.util.concurrent.Executor executor;

    RpcHandler(RpcDispatcher core, EndpointRegistry endpoints, int maxRequestBytes,
               java.util.concurrent.Executor executor) {
        this.core = core;
        this.endpoints = endpoints;
        this.maxRequestBytes = maxRequestBytes;
        this.executor = executor;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.getHeaders().put(HttpHeader.VARY, "Origin");
        }
        if (method.equals("OPTIONS")) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, OPTIONS");
            String asked = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS,
                    asked != null ? asked : "content-type, authorization");
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "86400");
            response.setStatus(200);
            callback.succeeded();
            return true;
        }
        Format format = switch (path) {
            case "/", "/RPC2" -> Format.XMLRPC;
            case "/jsonrpc" -> Format.JSONRPC;
            case "/json" -> Format.LEGACY_JSON;
            default -> null;
        };
        Origin from = new Origin(Request.getRemoteAddr(request),
                request.getConnectionMetaData().getConnector() instanceof UnixDomainServerConnector);
        if (format == null) {
            return endpoints.handle(path, request, response, callback, from);
        }
        if (!method.equals("POST")) {
            fail(response, callback, 405, "only POST is served on " + path);
            return true;
        }
        // The whole body is read without blocking a thread, then parsed from memory.
        CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(request, maxRequestBytes);
        if (body.isDone()) {
            serve(format, body, from, response, callback);
        } else {
            body.whenCompleteAsync((b, e) -> serve(format, body, from, response, callback), executor);
        }
        return true;
    }

    private void serve(Format format, CompletableFuture<byte[]> body, Origin from, Response response, Callback callback) {
        RawCall call;
        try {
            InputStream in = new ByteArrayInputStream(body.join());
            call = switch (format) {
                case XMLRPC -> XmlRpcParser.parseCall(in);
                case JSONRPC -> JsonWire.parseCall(in);
                case LEGACY_JSON -> legacyCall(JsonWire.parseValue(in));
            };
        } catch (WireFormatException e) {
            fail(response, callback, 500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        } catch (CompletionException e) {
            // Too large, or the client went away: nothing sensible to parse.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            fail(response, callback, 500, String.valueOf(e.getCause()));
            return;
        }
        CompletionStage<Outcome> result = core.call(call, from);
        result.whenComplete((outcome, err) -> respond(format, call, outcome, err, response, callback));
    }

    /** The legacy /json body: a JSON-RPC-like object whose id may be missing. */
    private static RawCall legacyCall(Object v) {
        if (!(v instanceof java.util.Map<?, ?> m) || !(m.get("method") instanceof String name)
                || !(m.get("params") instanceof java.util.List<?> params)) {
            throw new WireFormatException("Jsonrpc.Malformed_method_request(legacy json)");
        }
        @SuppressWarnings("unchecked")
        java.util.List<Object> ps = (java.util.List<Object>) params;
        return new RawCall(name, ps, m.get("id"), null);
    }

    private static void respond(Format format, RawCall call, Outcome outcome, Throwable err, Response response,
                                Callback callback) {
        Outcome o = outcome;
        if (err != null) {
            o = Outcome.of(XenApiException.internal(err));
        }
        byte[] body;
        String type;
        try {
            body = encode(format, call, o);
        } catch (RuntimeException | IOException e) {
            LOG.error("cannot encode the result of {}", call.method(), e);
            try {
                body = encode(format, call, Outcome.of(XenApiException.internal(e)));
            } catch (IOException ex) {
                fail(response, callback, 500, ex.toString());
                return;
            }
        }
        type = format == Format.XMLRPC ? "text/xml" : "application/json";
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] encode(Format format, RawCall call, Outcome o) throws IOException {
        switch (format) {
            case XMLRPC: {
                if (o instanceof Outcome.Success s && SharedResults.shareable(s)) {
                    return SHARED.xml(s);
                }
                String xml = o instanceof Outcome.Success s ? XmlRpcMessages.success(s.value(), s.type())
                        : XmlRpcMessages.failure(((Outcome.Failure) o).errorDescription());
                return xml.getBytes(StandardCharsets.UTF_8);
            }
            case JSONRPC: {
                ByteArrayOutputStream out = new ByteArrayOutputStream(512);
                if (o instanceof Outcome.Success s && SharedResults.shareable(s)) {
                    JsonWire.writeSuccessEncoded(out, call, SHARED.json(s));
                } else if (o instanceof Outcome.Success s) {
                    JsonWire.writeSuccess(out, call, s.value(), s.type());
                } else {
                    JsonWire.writeFailure(out, call, ((Outcome.Failure) o).errorDescription());
                }
                return out.toByteArray();
            }
            default: {
                ByteArrayOutputStream out = new ByteArrayOutputStream(512);
                if (o instanceof Outcome.Success s) {
                    JsonWire.writeLegacySuccess(out, s.value(), s.type());
                } else {
                    JsonWire.writeLegacyFailure(out, ((Outcome.Failure) o).errorDescription());
                }
                return out.toByteArray();
            }
        }
    }

    /** Event batches that many watchers receive at once are encoded once. */
    private static final SharedResults SHARED = new SharedResults();

    static void fail(Response response, Callback callback, int status, String detail) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
        response.write(true, ByteBuffer.wrap(ErrorPage.internalError(detail)), callback);
    }
}
