package org.jxapi.db.impl;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.WireEnum;
import org.jxapi.xenapi.model.XenApiType;

/**
 * Binary encoding of field values for the journal, driven by the field's type (no type tags).
 * Enums travel by wire name, not ordinal, so a journal survives a model that adds values.
 */
final class ValueCodec {
    private ValueCodec() {
    }

    static void write(Bytes out, Object v, XenApiType t) {
        if (t instanceof XenApiType.Primitive p) {
            switch (p) {
                case STRING -> out.putString((String) v);
                case INT -> out.putSignedVarLong((Long) v);
                case FLOAT -> out.putLong(Double.doubleToRawLongBits((Double) v));
                case BOOL -> out.put((byte) ((Boolean) v ? 1 : 0));
                case DATETIME -> out.putSignedVarLong(((Instant) v).getEpochSecond());
                case VOID -> { }
            }
        } else if (t instanceof XenApiType.RefOf) {
            out.putString(((Ref<?>) v).handle());
        } else if (t instanceof XenApiType.EnumOf) {
            out.putString(((WireEnum) v).wireName());
        } else if (t instanceof XenApiType.SetOf s) {
            Collection<?> c = (Collection<?>) v;
            out.putVarLong(c.size());
            for (Object o : c) {
                write(out, o, s.element());
            }
        } else if (t instanceof XenApiType.MapOf m) {
            Map<?, ?> map = (Map<?, ?>) v;
            out.putVarLong(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(out, e.getKey(), m.key());
                write(out, e.getValue(), m.value());
            }
        } else if (t instanceof XenApiType.OptionOf o) {
            Optional<?> opt = (Optional<?>) v;
            out.put((byte) (opt.isPresent() ? 1 : 0));
            opt.ifPresent(x -> write(out, x, o.element()));
        } else {
            throw new IllegalArgumentException("the journal cannot store values of type " + t);
        }
    }

    static Object read(ByteReader in, XenApiType t) {
        if (t instanceof XenApiType.Primitive p) {
            return switch (p) {
                case STRING -> in.getString();
                case INT -> in.getSignedVarLong();
                case FLOAT -> Double.longBitsToDouble(in.getLong());
                case BOOL -> in.get() != 0;
                case DATETIME -> Instant.ofEpochSecond(in.getSignedVarLong());
                case VOID -> null;
            };
        }
        if (t instanceof XenApiType.RefOf) {
            return Ref.of(in.getString());
        }
        if (t instanceof XenApiType.EnumOf e) {
            String s = in.getString();
            Object v = e.fromWire(s);
            if (v == null) {
                throw new ByteReader.Corrupt("unknown value " + s + " of " + e);
            }
            return v;
        }
        if (t instanceof XenApiType.SetOf s) {
            int n = in.getCount();
            LinkedHashSet<Object> set = new LinkedHashSet<>(n * 2);
            for (int i = 0; i < n; i++) {
                set.add(read(in, s.element()));
            }
            return Values.adoptSet(set);
        }
        if (t instanceof XenApiType.MapOf m) {
            int n = in.getCount();
            LinkedHashMap<Object, Object> map = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                Object k = read(in, m.key());
                map.put(k, read(in, m.value()));
            }
            return Values.adoptMap(map);
        }
        if (t instanceof XenApiType.OptionOf o) {
            return in.get() != 0 ? Optional.of(read(in, o.element())) : Optional.empty();
        }
        throw new IllegalArgumentException("the journal cannot store values of type " + t);
    }
}
