package org.jxapi.common.rpc;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server side of a {@link CallTable}: one request body in, one response body out, the call run
 * on {@code implementation}. Parameters come as a positional array, as one object keyed by the
 * parameter names, or as an array holding only such an object (the original xenopsd's clients send
 * that; it is told from a positional record by holding the first parameter's name). Failures become
 * errors through the API's {@link RpcErrors}. Thread-safe if the implementation is.
 */
public final class RpcDispatcher {
    private final CallTable table;
    private final Object implementation;
    private final RpcErrors errors;

    public RpcDispatcher(CallTable table, Object implementation, RpcErrors errors) {
        if (!table.api().isInstance(implementation)) {
            throw new IllegalArgumentException(implementation + " does not implement " + table.api().getName());
        }
        this.table = table;
        this.implementation = implementation;
        this.errors = errors;
    }

    /** Handles one request body and returns the response body; never throws for a bad request. */
    public byte[] handle(byte[] body) {
        RpcCodec codec = table.codec();
        Object parsed;
        try {
            parsed = codec.parse(body);
        } catch (IllegalArgumentException e) {
            return refuse(null, true, RpcError.PARSE_ERROR, "parse error: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> req)) {
            return refuse(null, true, RpcError.INVALID_REQUEST, "not a request object");
        }
        Object id = req.get("id");
        boolean v2 = "2.0".equals(req.get("jsonrpc"));
        try {
            Object name = req.get("method");
            RpcCall call = name instanceof String s ? table.byName(s) : null;
            if (call == null) {
                return refuse(id, v2, RpcError.METHOD_NOT_FOUND, String.valueOf(name));
            }
            Object[] args;
            try {
                args = call.decodeAll(positional(call, req.get("params")));
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                return refuse(id, v2, RpcError.INVALID_PARAMS, "bad parameters for " + name + ": " + e.getMessage());
            }
            Object result = invoke(call, args);
            return codec.write(JsonRpc.success(id, v2, result));
        } catch (RuntimeException e) {
            return codec.write(JsonRpc.error(id, v2, errors.failed(e)));
        }
    }

    private byte[] refuse(Object id, boolean v2, int code, String detail) {
        return table.codec().write(JsonRpc.error(id, v2, errors.refused(code, detail)));
    }

    /** Calls the implementation; its failures come out unwrapped. */
    private Object invoke(RpcCall call, Object[] args) {
        try {
            return call.method().invoke(implementation, args);
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
    private static List<?> positional(RpcCall call, Object params) {
        if (params == null) {
            return List.of();
        }
        if (params instanceof Map<?, ?> named) {
            return byName(call, (Map<String, Object>) named);
        }
        if (!(params instanceof List<?> l)) {
            throw new IllegalArgumentException("params: expected an array or an object, got " + params);
        }
        if (l.size() == 1 && l.get(0) instanceof Map<?, ?> named && !call.names().isEmpty()
                && named.containsKey(call.names().get(0))) {
            return byName(call, (Map<String, Object>) named);
        }
        return l;
    }

    private static List<Object> byName(RpcCall call, Map<String, Object> named) {
        List<Object> out = new ArrayList<>(call.names().size());
        for (String n : call.names()) {
            out.add(named.get(n));
        }
        return out;
    }
}
