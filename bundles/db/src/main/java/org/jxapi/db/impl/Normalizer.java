package org.jxapi.db.impl;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiType;

/**
 * Checks that a value fits its field's type and brings it to the one form the database stores:
 * Long for ints, whole-second Instants (what every wire format carries), Refs, generated enum
 * constants, and immutable ordered collections. A misfit is a programming error.
 */
final class Normalizer {
    private Normalizer() {
    }

    static Object field(FieldMeta f, Object v) {
        try {
            return value(f.type(), v);
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value for field " + f.name() + " (" + f.type().wireName() + "): "
                    + (v == null ? "null" : v.getClass().getSimpleName() + " " + v), e);
        }
    }

    static Object value(XenApiType t, Object v) {
        if (t instanceof XenApiType.Primitive p) {
            return switch (p) {
                case STRING -> v == null ? "" : (String) v;
                case INT -> v == null ? 0L : integral(v);
                case FLOAT -> v == null ? 0.0 : ((Number) v).doubleValue();
                case BOOL -> v != null && (Boolean) v;
                case DATETIME -> v == null ? Instant.EPOCH : Instant.ofEpochSecond(((Instant) v).getEpochSecond());
                case VOID -> null;
            };
        }
        if (t instanceof XenApiType.RefOf) {
            if (v == null) {
                return Ref.nullRef();
            }
            return v instanceof Ref<?> r ? r : Ref.of((String) v);
        }
        if (t instanceof XenApiType.EnumOf e) {
            if (v == null) {
                throw new IllegalArgumentException("null enum");
            }
            if (e.javaClass().isInstance(v)) {
                return v;
            }
            Object c = e.fromWire((String) v);
            if (c == null) {
                throw new IllegalArgumentException("no value " + v + " in " + e.wireName());
            }
            return c;
        }
        if (t instanceof XenApiType.SetOf s) {
            if (v == null) {
                return Values.emptySet();
            }
            Collection<?> c = (Collection<?>) v;
            LinkedHashSet<Object> out = new LinkedHashSet<>(c.size() * 2);
            for (Object o : c) {
                out.add(value(s.element(), o));
            }
            return Values.adoptSet(out);
        }
        if (t instanceof XenApiType.MapOf m) {
            if (v == null) {
                return Values.emptyMap();
            }
            Map<?, ?> map = (Map<?, ?>) v;
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>(map.size() * 2);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(value(m.key(), e.getKey()), value(m.value(), e.getValue()));
            }
            return Values.adoptMap(out);
        }
        if (t instanceof XenApiType.OptionOf o) {
            Optional<?> opt = v == null ? Optional.empty() : (Optional<?>) v;
            return opt.map(x -> value(o.element(), x));
        }
        return v;
    }

    private static long integral(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("not an integer: " + v);
    }
}
