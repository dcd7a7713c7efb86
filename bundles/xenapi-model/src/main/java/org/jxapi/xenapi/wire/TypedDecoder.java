package org.jxapi.xenapi.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.EventBatch;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.model.types.Event;

/**
 * Converts raw wire values (as {@link XmlRpcParser} and {@link JsonWire} produce them) into the
 * Java types of the model. A value of the wrong shape raises {@code FIELD_TYPE_ERROR [name]}
 * naming the parameter or field being converted. Records may omit fields; omitted fields take
 * the model's defaults.
 */
public final class TypedDecoder {
    private TypedDecoder() {
    }

    public static Object convert(Object raw, XenApiType type, String name) {
        if (type instanceof XenApiType.Primitive p) {
            return primitive(raw, p, name);
        }
        if (type instanceof XenApiType.RefOf) {
            if (raw instanceof String s) {
                return Ref.of(s);
            }
            throw typeError(name);
        }
        if (type instanceof XenApiType.EnumOf e) {
            if (raw instanceof String s) {
                Enum<?> v = e.fromWire(s);
                if (v == null) {
                    for (Enum<?> c : e.values()) {
                        if (c.toString().equalsIgnoreCase(s)) {
                            return c;
                        }
                    }
                    throw typeError(name);
                }
                return v;
            }
            throw typeError(name);
        }
        if (type instanceof XenApiType.SetOf s) {
            if (!(raw instanceof List<?> list)) {
                throw typeError(name);
            }
            LinkedHashSet<Object> out = new LinkedHashSet<>(list.size() * 2);
            for (Object o : list) {
                out.add(convert(o, s.element(), name));
            }
            return Values.adoptSet(out);
        }
        if (type instanceof XenApiType.OptionOf o) {
            if (raw == null) {
                return Optional.empty();
            }
            if (raw instanceof List<?> list && list.size() <= 1) {
                return list.isEmpty() ? Optional.empty() : Optional.of(convert(list.get(0), o.element(), name));
            }
            return Optional.of(convert(raw, o.element(), name));
        }
        if (type instanceof XenApiType.MapOf m) {
            return map(raw, m, name);
        }
        if (type instanceof XenApiType.RecordOf r) {
            ClassMeta meta = Model.clazz(r.className());
            return meta.newRecord(recordFields(raw, meta, name, null));
        }
        if (type == XenApiType.Special.ANY_RECORD) {
            throw typeError(name);
        }
        if (type == XenApiType.Special.EVENT_BATCH) {
            return eventBatch(raw, name);
        }
        if (type == XenApiType.Special.UNTYPED) {
            return raw;
        }
        throw new IllegalArgumentException("cannot decode type " + type);
    }

    /**
     * The field values of a record in model order, defaults for omitted fields. When
     * {@code given} is not null, it receives the names of the fields the caller did send.
     */
    public static Object[] recordFields(Object raw, ClassMeta meta, String name, List<String> given) {
        return recordFields(raw, meta, name, given, f -> true);
    }

    /**
     * Like {@link #recordFields(Object, ClassMeta, String, List)}, converting only the fields
     * {@code include} accepts; the others keep their defaults whatever the caller sent.
     */
    public static Object[] recordFields(Object raw, ClassMeta meta, String name, List<String> given,
                                        java.util.function.Predicate<FieldMeta> include) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw typeError(name);
        }
        Object[] values = meta.defaults();
        ClassMeta snapshotClass = null;
        if (meta.name().equals("event") && map.get("class") instanceof String cls) {
            snapshotClass = Model.clazzIgnoreCase(cls);
        }
        for (FieldMeta f : meta.fields()) {
            if (!map.containsKey(f.name()) || !include.test(f)) {
                continue;
            }
            Object v = map.get(f.name());
            if (f.type() == XenApiType.Special.ANY_RECORD) {
                if (snapshotClass == null || !(v instanceof Map)) {
                    throw typeError(f.name());
                }
                values[f.index()] = snapshotClass.newRecord(recordFields(v, snapshotClass, f.name(), null));
            } else {
                values[f.index()] = convert(v, f.type(), f.name());
            }
            if (given != null) {
                given.add(f.name());
            }
        }
        return values;
    }

    private static Object map(Object raw, XenApiType.MapOf m, String name) {
        if (raw instanceof List<?> l && l.isEmpty()) {
            return Values.emptyMap();
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw typeError(name);
        }
        LinkedHashMap<Object, Object> out = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(convert(e.getKey(), m.key(), name), convert(e.getValue(), m.value(), name));
        }
        return Values.adoptMap(out);
    }

    private static Object primitive(Object raw, XenApiType.Primitive p, String name) {
        switch (p) {
            case STRING:
                if (raw instanceof String s) {
                    return s;
                }
                throw typeError(name);
            case INT:
                if (raw instanceof Long || raw instanceof Integer) {
                    return ((Number) raw).longValue();
                }
                if (raw instanceof String s) {
                    try {
                        return Long.parseLong(s.trim());
                    } catch (NumberFormatException e) {
                        throw typeError(name);
                    }
                }
                throw typeError(name);
            case FLOAT:
                if (raw instanceof Number n) {
                    return n.doubleValue();
                }
                if (raw instanceof String s) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        throw typeError(name);
                    }
                }
                throw typeError(name);
            case BOOL:
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (raw instanceof String s) {
                    String t = s.trim().toLowerCase(Locale.ROOT);
                    if (t.equals("true") || t.equals("1")) {
                        return Boolean.TRUE;
                    }
                    if (t.equals("false") || t.equals("0")) {
                        return Boolean.FALSE;
                    }
                }
                throw typeError(name);
            case DATETIME:
                if (raw instanceof Instant t) {
                    return t;
                }
                if (raw instanceof String s) {
                    Instant t = Values.parseDateTime(s);
                    if (t != null) {
                        return t;
                    }
                }
                throw typeError(name);
            case VOID:
                return null;
            default:
                throw new IllegalArgumentException(p.toString());
        }
    }

    private static EventBatch eventBatch(Object raw, String name) {
        if (!(raw instanceof Map<?, ?> map) || !(map.get("events") instanceof List<?> evs)) {
            throw typeError(name);
        }
        List<Event> events = new ArrayList<>();
        for (Object e : evs) {
            events.add((Event) Event.META.newRecord(recordFields(e, Event.META, "events", null)));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        if (map.get("valid_ref_counts") instanceof Map<?, ?> c) {
            for (Map.Entry<?, ?> e : c.entrySet()) {
                counts.put(e.getKey().toString(),
                        (Long) primitive(e.getValue(), XenApiType.Primitive.INT, "valid_ref_counts"));
            }
        }
        Object token = map.get("token");
        return new EventBatch(events, counts, token == null ? "" : token.toString());
    }

    /** Decodes a generated record of a known class from its raw struct. */
    public static XenApiRecord record(Object raw, ClassMeta meta) {
        return meta.newRecord(recordFields(raw, meta, meta.name(), null));
    }

    static XenApiException typeError(String name) {
        return ErrorCodes.FIELD_TYPE_ERROR.error(name);
    }
}
