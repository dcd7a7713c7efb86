package org.jxapi.networkd.impl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.common.rpc.CallSpec;
import org.jxapi.common.rpc.CallTable;
import org.jxapi.common.rpc.RpcError;
import org.jxapi.common.rpc.RpcErrors;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.api.NetworkdCall;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.impl.json.NetworkdRpcCodec;
import org.jxapi.networkd.impl.json.PairsResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * networkd's binding of common.rpc: the call table read from the {@link NetworkdCall} declarations
 * ({@code debug_info} first), the codec, and errors as the original's {@code ["Code", params...]}
 * in the JSON-RPC error's data, so a client gets back the same {@link NetworkdException}.
 */
final class NetworkdRpc {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkdRpc.class);

    static final CallTable CALLS = CallTable.of(Networkd.class, NetworkdRpc::spec, NetworkdRpcCodec.INSTANCE);

    static final RpcErrors ERRORS = new RpcErrors() {
        @Override
        public RpcError refused(int code, String detail) {
            NetworkdException e = code == RpcError.METHOD_NOT_FOUND ? NetworkdException.notImplemented(detail)
                    : NetworkdException.internal(detail, null);
            return new RpcError(code, detail, data(e));
        }

        @Override
        public RpcError failed(RuntimeException e) {
            if (!(e instanceof NetworkdException)) {
                LOG.warn("networkd call failed unexpectedly", e);
            }
            NetworkdException n = NetworkdException.wrap(e);
            return new RpcError(RpcError.SERVER_ERROR, n.getMessage(), data(n));
        }

        @Override
        public RuntimeException exception(RpcError error) {
            if (error.data() instanceof List<?> l && !l.isEmpty()) {
                List<String> params = new ArrayList<>();
                for (Object p : l.subList(1, l.size())) {
                    if (p instanceof List<?> nested) {
                        nested.forEach(x -> params.add(String.valueOf(x)));
                    } else {
                        params.add(String.valueOf(p));
                    }
                }
                return new NetworkdException(NetworkdErrorCode.ofWireName(String.valueOf(l.get(0))), params, null);
            }
            if (error.data() instanceof String code) {
                return new NetworkdException(NetworkdErrorCode.ofWireName(code), List.of(), null);
            }
            return NetworkdException.internal(error.message() != null ? error.message() : String.valueOf(error), null);
        }

        @Override
        public RuntimeException interrupted(String method) {
            return NetworkdException.internal("interrupted while waiting for " + method, null);
        }
    };

    private NetworkdRpc() {
    }

    static CallSpec spec(Method m) {
        NetworkdCall c = m.getAnnotation(NetworkdCall.class);
        if (c == null) {
            return null;
        }
        List<String> params = new ArrayList<>();
        params.add("debug_info");
        params.addAll(List.of(c.params()));
        return new CallSpec(c.value(), params, Set.of(c.options()), Set.of(c.pairs()), Set.of());
    }

    private static List<String> data(NetworkdException e) {
        List<String> d = new ArrayList<>();
        d.add(e.errorCode().wireName());
        d.addAll(e.params());
        return d;
    }

    /** The service as the dispatcher calls it: results declared as pairs are written as pairs. */
    static Networkd serving(Networkd service) {
        return (Networkd) Proxy.newProxyInstance(Networkd.class.getClassLoader(), new Class<?>[] {Networkd.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(service, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    NetworkdCall c = method.getAnnotation(NetworkdCall.class);
                    if (c != null && List.of(c.pairs()).contains("result") && result instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> typed = (Map<String, Object>) m;
                        return new PairsResult<>(typed);
                    }
                    return result;
                });
    }
}
