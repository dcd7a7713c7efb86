package org.jxapi.common.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON-RPC envelopes as plain values. Requests go out as 2.0; responses answer in the version
 * of the request: 2.0 with {@code jsonrpc} and either {@code result} or {@code error} (code, message,
 * data), 1.0 with both {@code result} and {@code error}, the error being the API's error itself.
 */
final class JsonRpc {
    private JsonRpc() {
    }

    static Map<String, Object> request(String method, List<Object> params, long id) {
        Map<String, Object> req = new LinkedHashMap<>(8);
        req.put("jsonrpc", "2.0");
        req.put("method", method);
        req.put("params", params);
        req.put("id", id);
        return req;
    }

    static Map<String, Object> success(Object id, boolean v2, Object result) {
        Map<String, Object> r = new LinkedHashMap<>(8);
        if (v2) {
            r.put("jsonrpc", "2.0");
        }
        r.put("result", result);
        if (!v2) {
            r.put("error", null);
        }
        r.put("id", id);
        return r;
    }

    static Map<String, Object> error(Object id, boolean v2, RpcError e) {
        Map<String, Object> r = new LinkedHashMap<>(8);
        if (v2) {
            r.put("jsonrpc", "2.0");
            Map<String, Object> err = new LinkedHashMap<>(4);
            err.put("code", e.code());
            err.put("message", e.message());
            err.put("data", e.data());
            r.put("error", err);
        } else {
            r.put("result", null);
            r.put("error", e.data());
        }
        r.put("id", id);
        return r;
    }

    /** A response's {@code error} member as an error, or null if it succeeded; a 1.0 error is all data. */
    static RpcError errorOf(Object error) {
        if (error == null) {
            return null;
        }
        if (error instanceof Map<?, ?> e && (e.containsKey("code") || e.containsKey("message"))) {
            int code = e.get("code") instanceof Number n ? n.intValue() : RpcError.SERVER_ERROR;
            Object message = e.get("message");
            return new RpcError(code, message == null ? null : message.toString(), e.get("data"));
        }
        return new RpcError(RpcError.SERVER_ERROR, null, error);
    }
}
