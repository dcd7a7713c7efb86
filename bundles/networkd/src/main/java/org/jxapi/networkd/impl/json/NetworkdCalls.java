package org.jxapi.networkd.impl.json;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.api.NetworkdCall;

/** The networkd calls as the {@link NetworkdCall} declarations on {@link Networkd} name them. */
public final class NetworkdCalls {
    /** One call: its wire name, method, parameter names after {@code debug_info}, options and pairs. */
    public record Call(String name, Method method, List<String> params, Set<String> options, Set<String> pairs) {
        public boolean resultIsPairs() {
            return pairs.contains("result");
        }
    }

    private static final Map<String, Call> BY_NAME = read();

    private NetworkdCalls() {
    }

    private static Map<String, Call> read() {
        Map<String, Call> calls = new LinkedHashMap<>();
        for (Method m : Networkd.class.getMethods()) {
            NetworkdCall d = m.getAnnotation(NetworkdCall.class);
            if (d == null) {
                continue;
            }
            if (m.getParameterCount() != d.params().length + 1) {
                throw new IllegalStateException(m + " declares " + d.params().length + " parameters after debug_info");
            }
            calls.put(d.value(), new Call(d.value(), m, List.of(d.params()), Set.of(d.options()), Set.of(d.pairs())));
        }
        return Collections.unmodifiableMap(calls);
    }

    public static Call byName(String name) {
        return BY_NAME.get(name);
    }

    public static Call byMethod(Method m) {
        NetworkdCall d = m.getAnnotation(NetworkdCall.class);
        return d == null ? null : BY_NAME.get(d.value());
    }

    public static Map<String, Call> all() {
        return BY_NAME;
    }
}
