package org.jxapi.common.rpc;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One call of a {@link CallTable}: its declaration, its Java method, and the conversion of its
 * parameters and result between Java values and their wire values. Immutable; safe to share.
 */
public final class RpcCall {
    private final CallSpec spec;
    private final Method method;
    private final RpcCodec codec;
    private final Class<?>[] rawTypes;
    private final Type[] types;
    private final Type resultType;

    RpcCall(CallSpec spec, Method method, RpcCodec codec) {
        if (spec.params().size() < method.getParameterCount()) {
            throw new IllegalStateException(spec.name() + " names fewer parameters than " + method.getName() + " takes");
        }
        this.spec = spec;
        this.method = method;
        this.codec = codec;
        this.rawTypes = method.getParameterTypes();
        this.types = method.getGenericParameterTypes();
        this.resultType = method.getReturnType() == void.class ? null : method.getGenericReturnType();
    }

    public String name() {
        return spec.name();
    }

    /** The wire names of the positional parameters. */
    public List<String> names() {
        return spec.params();
    }

    public Set<String> options() {
        return spec.options();
    }

    public Set<String> pairs() {
        return spec.pairs();
    }

    public Method method() {
        return method;
    }

    public CallSpec spec() {
        return spec;
    }

    /** The wire value of the method's parameter {@code i}. */
    public Object encode(int i, Object value) {
        String n = spec.params().get(i);
        if (value instanceof Map<?, ?> m && spec.pairs().contains(n)) {
            List<Object> l = new ArrayList<>(m.size());
            m.forEach((k, v) -> l.add(List.of(k, codec.toPlain(null, v))));
            return l;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        return codec.toPlain(n, value);
    }

    /** The wire values of a call's arguments: every declared name, null past the method's own parameters. */
    public List<Object> encodeAll(Object[] args) {
        int n = spec.params().size();
        int given = args == null ? 0 : args.length;
        List<Object> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            params.add(i < given ? encode(i, args[i]) : null);
        }
        return params;
    }

    /** The method's parameter {@code i} from its wire value; fails with IllegalArgumentException. */
    public Object decode(int i, Object plain) {
        String n = spec.params().get(i);
        Class<?> raw = rawTypes[i];
        boolean option = spec.options().contains(n);
        Object v = option ? option(plain) : plain;
        if (raw == String.class) {
            if (v instanceof String || v == null && option) {
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
        return codec.fromPlain(v, types[i]);
    }

    /** The Java arguments from the wire values; missing trailing values decode as null. */
    Object[] decodeAll(List<?> wire) {
        Object[] args = new Object[method.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = decode(i, i < wire.size() ? wire.get(i) : null);
        }
        return args;
    }

    /** The method's (generic) result type; null for a void method. */
    public Type resultType() {
        return resultType;
    }

    /** The method's result from its plain wire value. */
    public Object decodeResult(Object result) {
        Class<?> type = method.getReturnType();
        if (type == void.class) {
            return null;
        }
        // Ids, flags and counters, most results, need no mapping.
        if (type == String.class && result instanceof String || type == boolean.class && result instanceof Boolean
                || type == long.class && result instanceof Long) {
            return result;
        }
        if (type == int.class && result instanceof Number n) {
            return n.intValue();
        }
        return codec.fromPlain(result, method.getGenericReturnType());
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

    private static IllegalArgumentException bad(int i, String n, String expected, Object got) {
        return new IllegalArgumentException("parameter " + i + " (" + n + "): expected " + expected + ", got " + got);
    }

    @Override
    public String toString() {
        return "RpcCall[" + spec.name() + " -> " + method.getName() + "]";
    }
}
