package org.jxapi.xenapi.wire;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.EventBatch;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.WireEnum;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.model.types.Event;

/**
 * Writes typed values to a {@link WireWriter} as the XenAPI types say: refs and enums as
 * strings, sets as arrays, maps as structs with stringified keys, records as structs of every
 * field, void as the empty string. A record may be given as its generated record or as an
 * {@code Object[]} of field values in model order (the database's row form).
 */
public final class TypedEncoder {
    private TypedEncoder() {
    }

    public static void write(WireWriter w, Object value, XenApiType type) {
        if (type instanceof XenApiType.Primitive p) {
            writePrimitive(w, value, p);
        } else if (type instanceof XenApiType.RefOf) {
            w.string(value == null ? Ref.NULL_HANDLE : value.toString());
        } else if (type instanceof XenApiType.EnumOf) {
            w.string(value instanceof WireEnum e ? e.wireName() : String.valueOf(value));
        } else if (type instanceof XenApiType.SetOf s) {
            Collection<?> c = value == null ? List.of() : (Collection<?>) value;
            w.startArray(c.size());
            for (Object o : c) {
                write(w, o, s.element());
            }
            w.endArray();
        } else if (type instanceof XenApiType.OptionOf o) {
            Optional<?> opt = value == null ? Optional.empty() : (Optional<?>) value;
            w.startArray(opt.isPresent() ? 1 : 0);
            opt.ifPresent(v -> write(w, v, o.element()));
            w.endArray();
        } else if (type instanceof XenApiType.MapOf m) {
            Map<?, ?> map = value == null ? Map.of() : (Map<?, ?>) value;
            w.startStruct(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                w.member(keyString(e.getKey()));
                write(w, e.getValue(), m.value());
            }
            w.endStruct();
        } else if (type instanceof XenApiType.RecordOf r) {
            writeRecord(w, Model.clazz(r.className()), value);
        } else if (type == XenApiType.Special.ANY_RECORD) {
            XenApiRecord rec = (XenApiRecord) value;
            writeRecord(w, rec.meta(), rec);
        } else if (type == XenApiType.Special.EVENT_BATCH) {
            writeEventBatch(w, (EventBatch) value);
        } else if (type == XenApiType.Special.UNTYPED) {
            writeUntyped(w, value);
        } else {
            throw new IllegalArgumentException("cannot encode type " + type);
        }
    }

    /** A raw value (see {@link RawCall}) written by its Java type; null as the empty string. */
    public static void writeUntyped(WireWriter w, Object value) {
        if (value == null) {
            w.string("");
        } else if (value instanceof String s) {
            w.string(s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            w.int64(((Number) value).longValue());
        } else if (value instanceof Number n) {
            w.float64(n.doubleValue());
        } else if (value instanceof Boolean b) {
            w.bool(b);
        } else if (value instanceof Instant t) {
            w.dateTime(t);
        } else if (value instanceof Collection<?> c) {
            w.startArray(c.size());
            for (Object o : c) {
                writeUntyped(w, o);
            }
            w.endArray();
        } else if (value instanceof Map<?, ?> m) {
            w.startStruct(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                w.member(keyString(e.getKey()));
                writeUntyped(w, e.getValue());
            }
            w.endStruct();
        } else if (value instanceof WireEnum e) {
            w.string(e.wireName());
        } else if (value instanceof XenApiRecord r) {
            writeRecord(w, r.meta(), r);
        } else {
            w.string(value.toString());
        }
    }

    /** Map keys travel as strings: refs as handles, enums by wire name, ints in decimal. */
    public static String keyString(Object key) {
        if (key instanceof WireEnum e) {
            return e.wireName();
        }
        return String.valueOf(key);
    }

    private static void writePrimitive(WireWriter w, Object value, XenApiType.Primitive p) {
        switch (p) {
            case STRING -> w.string(value == null ? "" : value.toString());
            case INT -> w.int64(value == null ? 0L : ((Number) value).longValue());
            case FLOAT -> w.float64(value == null ? 0.0 : ((Number) value).doubleValue());
            case BOOL -> w.bool(value != null && (Boolean) value);
            case DATETIME -> w.dateTime(value == null ? Instant.EPOCH : (Instant) value);
            case VOID -> w.string("");
        }
    }

    /** Writes a record of {@code meta} from a generated record or a row of field values. */
    public static void writeRecord(WireWriter w, ClassMeta meta, Object value) {
        List<FieldMeta> fields = meta.fields();
        Object[] row = value instanceof Object[] a ? a : null;
        XenApiRecord rec = row == null ? (XenApiRecord) value : null;
        int present = 0;
        for (FieldMeta f : fields) {
            Object v = row != null ? row[f.index()] : rec.get(f.index());
            if (!(v == null && f.type() == XenApiType.Special.ANY_RECORD)) {
                present++;
            }
        }
        w.startStruct(present);
        for (FieldMeta f : fields) {
            Object v = row != null ? row[f.index()] : rec.get(f.index());
            // An event about a deleted object carries no snapshot: the member is left out.
            if (v == null && f.type() == XenApiType.Special.ANY_RECORD) {
                continue;
            }
            w.field(f);
            write(w, v, f.type());
        }
        w.endStruct();
    }

    private static void writeEventBatch(WireWriter w, EventBatch b) {
        w.startStruct(3);
        w.member("events");
        w.startArray(b.events().size());
        for (Event e : b.events()) {
            writeRecord(w, Event.META, e);
        }
        w.endArray();
        w.member("valid_ref_counts");
        w.startStruct(b.validRefCounts().size());
        for (Map.Entry<String, Long> e : b.validRefCounts().entrySet()) {
            w.member(e.getKey());
            w.int64(e.getValue());
        }
        w.endStruct();
        w.member("token");
        w.string(b.token());
        w.endStruct();
    }
}
