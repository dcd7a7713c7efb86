package org.jxapi.db.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jxapi.db.Change;
import org.jxapi.db.WriteTransaction;
import org.jxapi.db.impl.Schema.Link;
import org.jxapi.db.impl.Schema.TableDef;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.TypedEncoder;

/**
 * One transaction: builds the next state from the current one through persistent updates,
 * records the operations on persisted tables for the journal, and the changed objects for the
 * change log. The same code replays the journal, so recovery reproduces the state exactly.
 */
final class TxnImpl implements WriteTransaction {
    private final Schema schema;
    private final TableState[] base;
    private TableState[] work;
    private final long gen;
    /** Null while replaying: the operations are already in the journal. */
    private final Bytes ops;
    private int opCount;
    private final LinkedHashMap<String, ChangeEntry> changes = new LinkedHashMap<>();

    TxnImpl(Schema schema, DbState state, long gen, boolean journal) {
        this.schema = schema;
        this.base = state.tables;
        this.gen = gen;
        this.ops = journal ? new Bytes(256) : null;
    }

    boolean changed() {
        return work != null;
    }

    DbState finish() {
        return new DbState(gen, work == null ? base : work);
    }

    Collection<ChangeEntry> changes() {
        return changes.values();
    }

    Bytes ops() {
        return ops;
    }

    int opCount() {
        return opCount;
    }

    @Override
    public long generation() {
        return gen;
    }

    TableState state(TableDef def) {
        return (work == null ? base : work)[def.id];
    }

    @Override
    public TableState table(String className) {
        return state(schema.table(className));
    }

    private void replace(TableState t) {
        if (work == null) {
            work = base.clone();
        }
        work[t.def.id] = t;
    }

    private void putRow(RowImpl row) {
        TableState t = state(row.table);
        replace(t.withRows(t.rows.put(row.handle(), row), t.byUuid, t.byName, t.dangling));
    }

    private void noteChange(TableDef def, RowImpl row, Change.Kind kind) {
        ChangeEntry e = changes.get(row.handle());
        if (e == null) {
            changes.put(row.handle(), new ChangeEntry(def.id, row.handle(), kind, row.uuid(), row.created));
            return;
        }
        if (kind == Change.Kind.DEL) {
            if (e.kind == Change.Kind.ADD) {
                changes.remove(row.handle());
            } else {
                e.kind = Change.Kind.DEL;
                e.uuid = row.uuid();
            }
        } else if (e.kind == Change.Kind.DEL) {
            e.kind = Change.Kind.MOD;
        }
    }

    // ---- journal ----

    private boolean journaled(TableDef def) {
        return ops != null && def.persisted;
    }

    /**
     * Starts an operation: code, a length (patched by {@link #endOp}) so that a later version can
     * skip operations on tables it no longer has, then table and object.
     */
    private int beginOp(byte code, TableDef def, String handle) {
        ops.put(code);
        int lengthAt = ops.length();
        ops.putInt(0);
        ops.putString(def.name());
        ops.putString(handle);
        opCount++;
        return lengthAt;
    }

    private void endOp(int lengthAt) {
        ops.putInt(lengthAt, ops.length() - lengthAt - 4);
    }

    /** A field name and its value, length-prefixed so that an unknown field can be skipped. */
    private void putField(FieldMeta f, Object v) {
        ops.putString(f.name());
        int at = ops.length();
        ops.putInt(0);
        ValueCodec.write(ops, v, f.type());
        ops.putInt(at, ops.length() - at - 4);
    }

    // ---- create ----

    @Override
    public <T> Ref<T> create(String className, Map<String, ?> fields) {
        return create(className, Ref.fresh(), fields);
    }

    @Override
    public <T> Ref<T> create(String className, Ref<T> ref, Map<String, ?> fields) {
        TableDef def = schema.table(className);
        Object[] values = def.meta.defaults();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            FieldMeta f = def.field(e.getKey());
            if (!def.derived[f.index()]) {
                values[f.index()] = Normalizer.field(f, e.getValue());
            }
        }
        insert(def, ref, values);
        return ref;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends XenApiRecord> Ref<T> create(T record) {
        TableDef def = schema.table(record.meta().name());
        Object[] values = record.toArray();
        Object[] defaults = def.meta.defaults();
        for (FieldMeta f : def.meta.fields()) {
            values[f.index()] = def.derived[f.index()] ? defaults[f.index()] : Normalizer.field(f, values[f.index()]);
        }
        Ref<T> ref = Ref.fresh();
        insert(def, ref, values);
        return ref;
    }

    /** Inserts a row whose non-derived values are normalized; derived sets are computed here. */
    void insert(TableDef def, Ref<?> ref, Object[] values) {
        if (ref.isNull()) {
            throw new IllegalArgumentException("cannot create an object with the null reference");
        }
        TableState t = state(def);
        String handle = ref.handle();
        if (t.rows.get(handle) != null) {
            throw ErrorCodes.DB_UNIQUENESS_CONSTRAINT_VIOLATION.error(def.name(), "_ref", handle);
        }
        if (def.uuidField >= 0) {
            String uuid = (String) values[def.uuidField];
            if (uuid.isEmpty()) {
                uuid = UUID.randomUUID().toString();
                values[def.uuidField] = uuid;
            }
            if (t.byUuid.get(uuid) != null) {
                throw ErrorCodes.DB_UNIQUENESS_CONSTRAINT_VIOLATION.error(def.name(), "uuid", uuid);
            }
        }
        if (journaled(def)) {
            int at = beginOp(Op.CREATE, def, handle);
            for (FieldMeta f : def.meta.fields()) {
                if (!def.derived[f.index()]) {
                    putField(f, values[f.index()]);
                }
            }
            endOp(at);
        }
        // Objects that already point here (created while this one was missing) fill its sets.
        @SuppressWarnings("unchecked")
        PMap<String[]>[] dangling = t.dangling.clone();
        for (int i = 0; i < def.setLinks.size(); i++) {
            Link link = def.setLinks.get(i);
            String[] waiting = dangling[i].get(handle);
            LinkedHashSet<Object> set = new LinkedHashSet<>();
            if (waiting != null) {
                for (String w : waiting) {
                    set.add(Ref.of(w));
                }
                dangling[i] = dangling[i].remove(handle);
            }
            values[link.field()] = Values.adoptSet(set);
        }
        RowImpl row = new RowImpl(def, ref, values, gen, gen);
        PMap<Object> names = def.nameLabelField < 0 ? t.byName
                : TableState.addName(t.byName, (String) values[def.nameLabelField], handle);
        PMap<String> uuids = def.uuidField < 0 ? t.byUuid : t.byUuid.put((String) values[def.uuidField], handle);
        replace(t.withRows(t.rows.put(handle, row), uuids, names, dangling));
        noteChange(def, row, Change.Kind.ADD);
        for (Link link : def.refLinks) {
            attach(link, (Ref<?>) values[link.field()], ref);
        }
        for (Link link : def.m2mLinks) {
            for (Object other : (Set<?>) values[link.field()]) {
                mirrorAdd(link, (Ref<?>) other, ref);
            }
        }
    }

    // ---- relations ----

    /** {@code source} now points at {@code target} through {@code link} (a single-reference link). */
    private void attach(Link link, Ref<?> target, Ref<?> source) {
        if (target == null || target.isNull()) {
            return;
        }
        TableDef targetDef = link.other();
        RowImpl row = state(targetDef).get(target.handle());
        if (row != null) {
            Set<?> set = (Set<?>) row.values[link.otherField()];
            LinkedHashSet<Object> next = new LinkedHashSet<>(set);
            if (next.add(source)) {
                RowImpl updated = row.with(link.otherField(), Values.adoptSet(next), gen);
                putRow(updated);
                noteChange(targetDef, updated, Change.Kind.MOD);
            }
        } else {
            editDangling(targetDef, link.peer(), target.handle(), source.handle(), true);
        }
    }

    private void detach(Link link, Ref<?> target, Ref<?> source) {
        if (target == null || target.isNull()) {
            return;
        }
        TableDef targetDef = link.other();
        RowImpl row = state(targetDef).get(target.handle());
        if (row != null) {
            Set<?> set = (Set<?>) row.values[link.otherField()];
            if (set.contains(source)) {
                LinkedHashSet<Object> next = new LinkedHashSet<>(set);
                next.remove(source);
                RowImpl updated = row.with(link.otherField(), Values.adoptSet(next), gen);
                putRow(updated);
                noteChange(targetDef, updated, Change.Kind.MOD);
            }
        } else {
            editDangling(targetDef, link.peer(), target.handle(), source.handle(), false);
        }
    }

    private void editDangling(TableDef def, int linkIndex, String target, String source, boolean add) {
        TableState t = state(def);
        PMap<String[]> map = t.dangling[linkIndex];
        String[] prev = map.get(target);
        String[] next;
        if (add) {
            if (prev == null) {
                next = new String[] {source};
            } else {
                next = java.util.Arrays.copyOf(prev, prev.length + 1);
                next[prev.length] = source;
            }
        } else {
            if (prev == null) {
                return;
            }
            List<String> keep = new ArrayList<>();
            for (String s : prev) {
                if (!s.equals(source)) {
                    keep.add(s);
                }
            }
            next = keep.isEmpty() ? null : keep.toArray(new String[0]);
        }
        @SuppressWarnings("unchecked")
        PMap<String[]>[] d = t.dangling.clone();
        d[linkIndex] = next == null ? map.remove(target) : map.put(target, next);
        replace(t.withRows(t.rows, t.byUuid, t.byName, d));
    }

    private void mirrorAdd(Link link, Ref<?> other, Ref<?> self) {
        RowImpl row = state(link.other()).get(other.handle());
        if (row == null) {
            return;
        }
        Set<?> set = (Set<?>) row.values[link.otherField()];
        if (!set.contains(self)) {
            LinkedHashSet<Object> next = new LinkedHashSet<>(set);
            next.add(self);
            RowImpl updated = row.with(link.otherField(), Values.adoptSet(next), gen);
            putRow(updated);
            noteChange(link.other(), updated, Change.Kind.MOD);
        }
    }

    private void mirrorRemove(Link link, Ref<?> other, Ref<?> self) {
        RowImpl row = state(link.other()).get(other.handle());
        if (row == null) {
            return;
        }
        Set<?> set = (Set<?>) row.values[link.otherField()];
        if (set.contains(self)) {
            LinkedHashSet<Object> next = new LinkedHashSet<>(set);
            next.remove(self);
            RowImpl updated = row.with(link.otherField(), Values.adoptSet(next), gen);
            putRow(updated);
            noteChange(link.other(), updated, Change.Kind.MOD);
        }
    }

    // ---- field updates ----

    @Override
    public void set(String className, Ref<?> ref, String field, Object value) {
        TableDef def = schema.table(className);
        FieldMeta f = writable(def, field);
        Object v = Normalizer.field(f, value);
        RowImpl row = state(def).require(ref);
        if (journaled(def)) {
            int at = beginOp(Op.SET, def, row.handle());
            putField(f, v);
            endOp(at);
        }
        store(def, row, f, v);
    }

    /** Writes a field and keeps indexes and partner fields in step. */
    void store(TableDef def, RowImpl row, FieldMeta f, Object v) {
        int i = f.index();
        Object old = row.values[i];
        RowImpl updated = row.with(i, v, gen);
        TableState t = state(def);
        PMap<String> uuids = t.byUuid;
        PMap<Object> names = t.byName;
        if (i == def.uuidField && !old.equals(v)) {
            if (uuids.get((String) v) != null) {
                throw ErrorCodes.DB_UNIQUENESS_CONSTRAINT_VIOLATION.error(def.name(), "uuid", (String) v);
            }
            uuids = uuids.remove((String) old).put((String) v, row.handle());
        }
        if (i == def.nameLabelField && !old.equals(v)) {
            names = TableState.addName(TableState.removeName(names, (String) old, row.handle()), (String) v, row.handle());
        }
        replace(t.withRows(t.rows.put(row.handle(), updated), uuids, names, t.dangling));
        noteChange(def, updated, Change.Kind.MOD);
        for (Link link : def.refLinks) {
            if (link.field() == i && !old.equals(v)) {
                detach(link, (Ref<?>) old, row.ref);
                attach(link, (Ref<?>) v, row.ref);
            }
        }
        for (Link link : def.m2mLinks) {
            if (link.field() == i) {
                Set<?> before = (Set<?>) old;
                Set<?> after = (Set<?>) v;
                for (Object o : before) {
                    if (!after.contains(o)) {
                        mirrorRemove(link, (Ref<?>) o, row.ref);
                    }
                }
                for (Object o : after) {
                    if (!before.contains(o)) {
                        mirrorAdd(link, (Ref<?>) o, row.ref);
                    }
                }
            }
        }
    }

    private static FieldMeta writable(TableDef def, String field) {
        FieldMeta f = def.field(field);
        if (def.derived[f.index()]) {
            throw new IllegalArgumentException(def.name() + "." + field + " is kept by the database from its partner field");
        }
        return f;
    }

    @Override
    public void addToMap(String className, Ref<?> ref, String field, Object key, Object value) {
        TableDef def = schema.table(className);
        FieldMeta f = writable(def, field);
        XenApiType.MapOf type = (XenApiType.MapOf) f.type();
        Object k = Normalizer.value(type.key(), key);
        Object v = Normalizer.value(type.value(), value);
        RowImpl row = state(def).require(ref);
        Map<?, ?> map = (Map<?, ?>) row.values[f.index()];
        if (map.containsKey(k)) {
            throw ErrorCodes.MAP_DUPLICATE_KEY.error(def.name(), field, row.uuid(), TypedEncoder.keyString(k));
        }
        if (journaled(def)) {
            int at = beginOp(Op.ADD_TO_MAP, def, row.handle());
            ops.putString(f.name());
            ValueCodec.write(ops, k, type.key());
            ValueCodec.write(ops, v, type.value());
            endOp(at);
        }
        LinkedHashMap<Object, Object> next = new LinkedHashMap<>(map);
        next.put(k, v);
        store(def, row, f, Values.adoptMap(next));
    }

    @Override
    public void removeFromMap(String className, Ref<?> ref, String field, Object key) {
        TableDef def = schema.table(className);
        FieldMeta f = writable(def, field);
        XenApiType.MapOf type = (XenApiType.MapOf) f.type();
        Object k = Normalizer.value(type.key(), key);
        RowImpl row = state(def).require(ref);
        Map<?, ?> map = (Map<?, ?>) row.values[f.index()];
        if (journaled(def)) {
            int at = beginOp(Op.REMOVE_FROM_MAP, def, row.handle());
            ops.putString(f.name());
            ValueCodec.write(ops, k, type.key());
            endOp(at);
        }
        LinkedHashMap<Object, Object> next = new LinkedHashMap<>(map);
        next.remove(k);
        store(def, row, f, Values.adoptMap(next));
    }

    @Override
    public void addToSet(String className, Ref<?> ref, String field, Object element) {
        editSet(className, ref, field, element, true);
    }

    @Override
    public void removeFromSet(String className, Ref<?> ref, String field, Object element) {
        editSet(className, ref, field, element, false);
    }

    private void editSet(String className, Ref<?> ref, String field, Object element, boolean add) {
        TableDef def = schema.table(className);
        FieldMeta f = writable(def, field);
        XenApiType.SetOf type = (XenApiType.SetOf) f.type();
        Object e = Normalizer.value(type.element(), element);
        RowImpl row = state(def).require(ref);
        if (journaled(def)) {
            int at = beginOp(add ? Op.ADD_TO_SET : Op.REMOVE_FROM_SET, def, row.handle());
            ops.putString(f.name());
            ValueCodec.write(ops, e, type.element());
            endOp(at);
        }
        LinkedHashSet<Object> next = new LinkedHashSet<>((Set<?>) row.values[f.index()]);
        if (add) {
            next.add(e);
        } else {
            next.remove(e);
        }
        store(def, row, f, Values.adoptSet(next));
    }

    @Override
    public void destroy(String className, Ref<?> ref) {
        TableDef def = schema.table(className);
        RowImpl row = state(def).require(ref);
        if (journaled(def)) {
            endOp(beginOp(Op.DESTROY, def, row.handle()));
        }
        TableState t = state(def);
        String handle = row.handle();
        PMap<String> uuids = def.uuidField < 0 ? t.byUuid : t.byUuid.remove(row.uuid());
        PMap<Object> names = def.nameLabelField < 0 ? t.byName
                : TableState.removeName(t.byName, (String) row.values[def.nameLabelField], handle);
        // Objects that pointed here keep their (now dangling) reference: remember them.
        @SuppressWarnings("unchecked")
        PMap<String[]>[] dangling = t.dangling.clone();
        for (int i = 0; i < def.setLinks.size(); i++) {
            Set<?> members = (Set<?>) row.values[def.setLinks.get(i).field()];
            if (!members.isEmpty()) {
                String[] handles = new String[members.size()];
                int j = 0;
                for (Object m : members) {
                    handles[j++] = ((Ref<?>) m).handle();
                }
                dangling[i] = dangling[i].put(handle, handles);
            }
        }
        replace(t.withRows(t.rows.remove(handle), uuids, names, dangling));
        noteChange(def, row, Change.Kind.DEL);
        for (Link link : def.refLinks) {
            detach(link, (Ref<?>) row.values[link.field()], row.ref);
        }
        for (Link link : def.m2mLinks) {
            for (Object other : (Set<?>) row.values[link.field()]) {
                mirrorRemove(link, (Ref<?>) other, row.ref);
            }
        }
    }

    @Override
    public void touch(String className, Ref<?> ref) {
        TableDef def = schema.table(className);
        RowImpl row = state(def).require(ref);
        if (journaled(def)) {
            endOp(beginOp(Op.TOUCH, def, row.handle()));
        }
        RowImpl t = row.touched(gen);
        putRow(t);
        noteChange(def, t, Change.Kind.MOD);
    }
}
