package org.jxapi.xenops.server.impl;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsCall;
import org.jxapi.xenops.json.XenopsJson;

/**
 * The xenops calls as {@link XenopsCall} declares them on {@link Xenops}: the one table both the
 * client ({@link XenopsClient}) and the server ({@link XenopsRpcDispatcher}) are derived from, and the
 * parameter shapes they share.
 */
final class XenopsCalls {
    /** One call: its wire name, {@code debug_info} and the original's parameter names, and its Java method. */
    record Call(String name, List<String> names, Set<String> options, Set<String> pairs, Method method) {
        /** The wire value of the method's parameter {@code i} (0 is the debug string). */
        Object encode(int i, Object value) {
            String n = names.get(i);
            if (value instanceof Map<?, ?> m && pairs.contains(n)) {
                List<Object> l = new ArrayList<>(m.size());
                m.forEach((k, v) -> l.add(List.of(k, XenopsJson.toPlain(v))));
                return l;
            }
            if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
                return value;
            }
            return XenopsJson.toPlain(n, value);
        }

        /** The method's parameter {@code i} from its wire value; fails with IllegalArgumentException. */
        Object decode(int i, Object plain) {
            String n = names.get(i);
            Class<?> raw = method.getParameterTypes()[i];
            Type type = method.getGenericParameterTypes()[i];
            Object v = options.contains(n) ? option(plain) : plain;
            if (raw == String.class) {
                if (v instanceof String || v == null && options.contains(n)) {
                    return v;
                }
                throw bad(i, n, "a string", v);
            }
            if (raw == boolean.class || raw == Boolean.class) {
                // The original's clients leave false flags out.
                if (v == null) {
                    return raw == boolean.class ? Boolean.FALSE : null;
                }
                if (v instanceof Boolean) {
                    return v;
                }
                throw bad(i, n, "a boolean", v);
            }
            if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
                if (v == null && !raw.isPrimitive()) {
                    return null;
                }
                if (!(v instanceof Number num)) {
                    throw bad(i, n, "a number", v);
                }
                if (raw == int.class || raw == Integer.class) {
                    return num.intValue();
                }
                if (raw == long.class || raw == Long.class) {
                    return num.longValue();
                }
                return num.doubleValue();
            }
            if (Map.class.isAssignableFrom(raw) && v instanceof List<?> l) {
                v = pairsToMap(l);
            }
            return XenopsJson.fromPlain(v, type);
        }

        private IllegalArgumentException bad(int i, String n, String expected, Object got) {
            return new IllegalArgumentException("parameter " + i + " (" + n + "): expected " + expected + ", got " + got);
        }
    }

    private static final Map<String, Call> BY_NAME;
    private static final Map<Method, Call> BY_METHOD;

    static {
        Map<String, Call> byName = new HashMap<>();
        Map<Method, Call> byMethod = new HashMap<>();
        for (Method m : Xenops.class.getMethods()) {
            XenopsCall c = m.getAnnotation(XenopsCall.class);
            if (c == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            names.add("debug_info");
            names.addAll(List.of(c.params()));
            if (names.size() < m.getParameterCount()) {
                throw new IllegalStateException(c.value() + " names fewer parameters than " + m.getName() + " takes");
            }
            Call call = new Call(c.value(), List.copyOf(names), Set.of(c.options()), Set.of(c.pairs()), m);
            byName.put(c.value(), call);
            byMethod.put(m, call);
            // The original's task calls are "Task.*"; accept the upper-case group spelling too.
            if (c.value().startsWith("Task.")) {
                byName.put("TASK." + c.value().substring(5), call);
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_METHOD = Collections.unmodifiableMap(byMethod);
    }

    private XenopsCalls() {
    }

    static Call byName(String name) {
        return BY_NAME.get(name);
    }

    static Call byMethod(Method m) {
        return BY_METHOD.get(m);
    }

    /** An option outside a record: {@code []}, {@code [x]}, null or a bare x. */
    static Object option(Object v) {
        if (v instanceof List<?> l && l.size() <= 1) {
            return l.isEmpty() ? null : l.get(0);
        }
        return v;
    }

    private static Map<Object, Object> pairsToMap(List<?> l) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (Object p : l) {
            if (!(p instanceof List<?> pair) || pair.size() != 2) {
                throw new IllegalArgumentException("expected a [key, value] pair, got " + p);
            }
            m.put(pair.get(0), pair.get(1));
        }
        return m;
    }
}
