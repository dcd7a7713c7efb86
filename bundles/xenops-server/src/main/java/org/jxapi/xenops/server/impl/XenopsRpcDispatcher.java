package org.jxapi.xenops.server.impl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.json.XenopsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xenops JSON-RPC interface over a {@link Xenops}: the calls as {@link XenopsCalls} reads them
 * from the {@code Xenops} declarations, with the original's method names and parameter order
 * (debug string first). Parameters come as a positional array, or, as the original's clients
 * send them, as one object keyed by the original's parameter names. JSON-RPC 1.0 errors carry the
 * xenops error itself; 2.0 errors carry it as {@code data}.
 */
final class XenopsRpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(XenopsRpcDispatcher.class);

    private final Xenops x;

    XenopsRpcDispatcher(Xenops xenops) {
        this.x = xenops;
    }

    /** Handles one request body and returns the response body. */
    byte[] handle(byte[] body) {
        Object id = null;
        boolean v2 = true;
        try {
            Object parsed;
            try {
                parsed = XenopsJson.parse(body);
            } catch (IllegalArgumentException e) {
                return error(null, true, -32700, XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, "parse error: " + e.getMessage()));
            }
            if (!(parsed instanceof Map<?, ?> req)) {
                return error(null, true, -32600, XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, "not a request object"));
            }
            id = req.get("id");
            v2 = "2.0".equals(req.get("jsonrpc"));
            Object name = req.get("method");
            XenopsCalls.Call call = name instanceof String s ? XenopsCalls.byName(s) : null;
            if (call == null) {
                return error(id, v2, -32601, XenopsError.of(XenopsErrorCode.UNIMPLEMENTED, String.valueOf(name)));
            }
            Object result;
            try {
                result = invoke(call, positional(call, req.get("params")));
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                return error(id, v2, -32602, XenopsError.of(XenopsErrorCode.INTERNAL_ERROR,
                        "bad parameters for " + name + ": " + e.getMessage()));
            }
            return success(id, v2, result);
        } catch (XenopsException e) {
            return error(id, v2, -32000, e.error());
        } catch (RuntimeException e) {
            LOG.warn("xenops RPC failed unexpectedly", e);
            return error(id, v2, -32000, XenopsException.wrap(e).error());
        }
    }

    /** Calls the service; its failures come out unwrapped. */
    private Object invoke(XenopsCalls.Call call, List<Object> wire) {
        Method method = call.method();
        Object[] args = new Object[method.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = call.decode(i, i < wire.size() ? wire.get(i) : null);
        }
        try {
            return method.invoke(x, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> positional(XenopsCalls.Call m, Object params) {
        if (params == null) {
            return List.of();
        }
        if (params instanceof Map<?, ?> named) {
            return byName(m, (Map<String, Object>) named);
        }
        List<Object> l = (List<Object>) params;
        // The original's clients send named parameters as one object.
        if (l.size() == 1 && l.get(0) instanceof Map<?, ?> named && ((Map<?, ?>) named).containsKey("debug_info")) {
            return byName(m, (Map<String, Object>) named);
        }
        return l;
    }

    private static List<Object> byName(XenopsCalls.Call m, Map<String, Object> named) {
        List<Object> out = new ArrayList<>();
        for (String n : m.names()) {
            out.add(named.get(n));
        }
        return out;
    }

    private static byte[] success(Object id, boolean v2, Object result) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (v2) {
            r.put("jsonrpc", "2.0");
        }
        r.put("result", result);
        if (!v2) {
            r.put("error", null);
        }
        r.put("id", id);
        return XenopsJson.write(r);
    }

    private static byte[] error(Object id, boolean v2, int code, XenopsError e) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (v2) {
            r.put("jsonrpc", "2.0");
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("code", code);
            err.put("message", e.code().wireName());
            err.put("data", e);
            r.put("error", err);
        } else {
            r.put("result", null);
            r.put("error", e);
        }
        r.put("id", id);
        return XenopsJson.write(r);
    }
}
