package org.jxapi.api.impl.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.db.TableView;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Qualifier;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.TypedDecoder;

/**
 * The implicit messages, served the same way for every class straight from the database:
 * getters, setters, map and set edits, create, destroy, lookups and record listings.
 */
final class ImplicitMessages {
    private final Database db;
    private final ExplicitRegistry overrides;

    ImplicitMessages(Database db, ExplicitRegistry overrides) {
        this.db = db;
        this.overrides = overrides;
    }

    /** {@code args} are converted (args[0] is the session); {@code raw} are the wire values, for create. */
    Object handle(MessageMeta m, Object[] args, List<Object> raw) {
        String cls = m.className();
        switch (m.kind()) {
            case GET_FIELD:
                return db.snapshot().require(cls, (Ref<?>) args[1]).get(m.field());
            case SET_FIELD:
                return write(tx -> tx.set(cls, (Ref<?>) args[1], m.field(), args[2]));
            case ADD_TO_MAP:
                return write(tx -> tx.addToMap(cls, (Ref<?>) args[1], m.field(), args[2], args[3]));
            case REMOVE_FROM_MAP:
                return write(tx -> tx.removeFromMap(cls, (Ref<?>) args[1], m.field(), args[2]));
            case ADD_TO_SET:
                return write(tx -> tx.addToSet(cls, (Ref<?>) args[1], m.field(), args[2]));
            case REMOVE_FROM_SET:
                return write(tx -> tx.removeFromSet(cls, (Ref<?>) args[1], m.field(), args[2]));
            case DESTROY: {
                ObjectLifecycle custom = overrides.lifecycle(cls);
                if (custom != null) {
                    custom.destroy((Ref<?>) args[1], self -> write(tx -> tx.destroy(cls, self)));
                    return null;
                }
                return write(tx -> tx.destroy(cls, (Ref<?>) args[1]));
            }
            case CREATE:
                return create(Model.clazz(cls), raw.get(1));
            case GET_BY_UUID: {
                Row r = db.snapshot().table(cls).byUuid((String) args[1]);
                if (r == null) {
                    throw ErrorCodes.UUID_INVALID.error(cls, (String) args[1]);
                }
                return r.ref();
            }
            case GET_BY_NAME_LABEL: {
                LinkedHashSet<Object> refs = new LinkedHashSet<>();
                for (Row r : db.snapshot().table(cls).byNameLabel((String) args[1])) {
                    refs.add(r.ref());
                }
                return Values.adoptSet(refs);
            }
            case GET_RECORD:
                return db.snapshot().require(cls, (Ref<?>) args[1]);
            case GET_ALL: {
                TableView t = db.snapshot().table(cls);
                LinkedHashSet<Object> refs = new LinkedHashSet<>(t.size() * 2);
                for (Row r : t) {
                    refs.add(r.ref());
                }
                return Values.adoptSet(refs);
            }
            case GET_ALL_RECORDS:
                return records(db.snapshot(), cls, r -> true);
            case GET_ALL_RECORDS_WHERE:
                return records(db.snapshot(), cls, WhereExpression.parse((String) args[1], Model.clazz(cls)));
            default:
                throw new IllegalStateException("not an implicit message: " + m.wireName());
        }
    }

    private Object write(java.util.function.Consumer<org.jxapi.db.WriteTransaction> change) {
        db.write(tx -> {
            change.accept(tx);
            return null;
        });
        return null;
    }

    private static Map<Ref<?>, Row> records(Snapshot s, String cls, Predicate<Row> filter) {
        TableView t = s.table(cls);
        Map<Ref<?>, Row> out = new LinkedHashMap<>(t.size() * 2);
        for (Row r : t) {
            if (filter.test(r)) {
                out.put(r.ref(), r);
            }
        }
        return out;
    }

    /**
     * A new object from the record a client sent. Only fields a caller may set at construction
     * (RW and RO/constructor) are taken; the server owns the RO/runtime ones. Omitted fields take
     * the model's defaults.
     */
    private Ref<?> create(ClassMeta meta, Object rawRecord) {
        List<String> given = new ArrayList<>();
        Map<?, ?> sent = rawRecord instanceof Map<?, ?> m ? m : Map.of();
        // The server owns RO/runtime fields: what a client sends for them is ignored, not checked.
        // The Java SDK sends UNRECOGNIZED for an enum it left unset: that field takes its default.
        Object[] values = TypedDecoder.recordFields(rawRecord, meta, "args", given,
                f -> f.qualifier() != Qualifier.RO_RUNTIME
                        && !(f.type() instanceof XenApiType.EnumOf && "UNRECOGNIZED".equals(sent.get(f.name()))));
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : given) {
            fields.put(name, values[meta.field(name).index()]);
        }
        fields.remove("uuid");
        ObjectLifecycle custom = overrides.lifecycle(meta.name());
        if (custom != null) {
            return custom.create(fields, f -> db.write(tx -> tx.create(meta.name(), f)));
        }
        return db.write(tx -> tx.create(meta.name(), fields));
    }
}
