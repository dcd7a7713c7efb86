package org.jxapi.db.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.WireEnum;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.TypedEncoder;

/**
 * Field values as the original's database stores them: one string per field. Scalars in their
 * wire spelling, sets and maps as S-expressions of their elements' strings.
 */
final class DbStrings {
    private DbStrings() {
    }

    static String encode(Object v, XenApiType t) {
        if (t instanceof XenApiType.SetOf s) {
            List<String> items = new ArrayList<>();
            for (Object o : (Collection<?>) v) {
                items.add(encode(o, s.element()));
            }
            return SExpr.list(items);
        }
        if (t instanceof XenApiType.MapOf m) {
            List<String[]> pairs = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                pairs.add(new String[] {encode(e.getKey(), m.key()), encode(e.getValue(), m.value())});
            }
            return SExpr.pairs(pairs);
        }
        if (t == XenApiType.Primitive.DATETIME) {
            return Values.formatDateTime((Instant) v);
        }
        if (t instanceof XenApiType.EnumOf) {
            return ((WireEnum) v).wireName();
        }
        if (t instanceof XenApiType.RefOf) {
            return ((Ref<?>) v).handle();
        }
        if (v instanceof WireEnum) {
            return TypedEncoder.keyString(v);
        }
        return String.valueOf(v);
    }

    static Object decode(String s, XenApiType t) {
        if (t instanceof XenApiType.Primitive p) {
            return switch (p) {
                case STRING -> s;
                case INT -> Long.parseLong(s.trim());
                case FLOAT -> Double.parseDouble(s.trim());
                case BOOL -> Boolean.parseBoolean(s.trim());
                case DATETIME -> {
                    Instant i = Values.parseDateTime(s);
                    if (i == null) {
                        throw new IllegalArgumentException("bad datetime " + s);
                    }
                    yield i;
                }
                case VOID -> null;
            };
        }
        if (t instanceof XenApiType.RefOf) {
            return Ref.of(s);
        }
        if (t instanceof XenApiType.EnumOf e) {
            return Normalizer.value(e, s);
        }
        if (t instanceof XenApiType.SetOf set) {
            LinkedHashSet<Object> out = new LinkedHashSet<>();
            for (Object o : list(s)) {
                out.add(decode((String) o, set.element()));
            }
            return Values.adoptSet(out);
        }
        if (t instanceof XenApiType.MapOf m) {
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            for (Object o : list(s)) {
                List<?> pair = (List<?>) o;
                if (pair.size() != 2) {
                    throw new IllegalArgumentException("bad map entry in " + s);
                }
                out.put(decode((String) pair.get(0), m.key()), decode((String) pair.get(1), m.value()));
            }
            return Values.adoptMap(out);
        }
        throw new IllegalArgumentException("state.db cannot hold values of type " + t);
    }

    private static List<?> list(String s) {
        if (s.isBlank()) {
            return List.of();
        }
        Object o = SExpr.parse(s);
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("expected a list: " + s);
        }
        return l;
    }
}
