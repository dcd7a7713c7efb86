package org.jxapi.db.impl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jxapi.db.Row;
import org.jxapi.db.TableView;
import org.jxapi.db.impl.Schema.TableDef;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;

/**
 * One table in one state: rows by reference, and indexes by uuid and name_label. For each
 * derived set of this table ({@code VM.VBDs}), {@code dangling} remembers objects that point
 * at a reference not (or no longer) in this table, so the set is right if that object appears.
 */
final class TableState implements TableView {
    final TableDef def;
    final PMap<RowImpl> rows;
    final PMap<String> byUuid;
    /** name_label to a reference handle, or to a String[] of them when several share it. */
    final PMap<Object> byName;
    /** Per set link: missing target handle to the handles of the objects pointing at it. */
    final PMap<String[]>[] dangling;

    @SuppressWarnings("unchecked")
    static TableState empty(TableDef def) {
        PMap<String[]>[] d = new PMap[def.setLinks.size()];
        java.util.Arrays.fill(d, PMap.empty());
        return new TableState(def, PMap.empty(), PMap.empty(), PMap.empty(), d);
    }

    TableState(TableDef def, PMap<RowImpl> rows, PMap<String> byUuid, PMap<Object> byName, PMap<String[]>[] dangling) {
        this.def = def;
        this.rows = rows;
        this.byUuid = byUuid;
        this.byName = byName;
        this.dangling = dangling;
    }

    @Override
    public ClassMeta meta() {
        return def.meta;
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public RowImpl get(Ref<?> ref) {
        return ref == null ? null : rows.get(ref.handle());
    }

    RowImpl get(String handle) {
        return rows.get(handle);
    }

    @Override
    public RowImpl require(Ref<?> ref) {
        RowImpl r = get(ref);
        if (r == null) {
            throw ErrorCodes.HANDLE_INVALID.error(def.name(), ref == null ? Ref.NULL_HANDLE : ref.handle());
        }
        return r;
    }

    @Override
    public RowImpl byUuid(String uuid) {
        String h = uuid == null ? null : byUuid.get(uuid);
        return h == null ? null : rows.get(h);
    }

    @Override
    public List<Row> byNameLabel(String nameLabel) {
        Object o = nameLabel == null ? null : byName.get(nameLabel);
        if (o == null) {
            return List.of();
        }
        if (o instanceof String h) {
            return List.of(rows.get(h));
        }
        List<Row> out = new ArrayList<>();
        for (String h : (String[]) o) {
            out.add(rows.get(h));
        }
        return out;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Iterator<Row> iterator() {
        return (Iterator) rows.iterator();
    }

    TableState withRows(PMap<RowImpl> r, PMap<String> u, PMap<Object> n, PMap<String[]>[] d) {
        return new TableState(def, r, u, n, d);
    }

    static PMap<Object> addName(PMap<Object> idx, String name, String handle) {
        Object o = idx.get(name);
        if (o == null) {
            return idx.put(name, handle);
        }
        String[] prev = o instanceof String s ? new String[] {s} : (String[]) o;
        String[] next = java.util.Arrays.copyOf(prev, prev.length + 1);
        next[prev.length] = handle;
        return idx.put(name, next);
    }

    static PMap<Object> removeName(PMap<Object> idx, String name, String handle) {
        Object o = idx.get(name);
        if (o == null) {
            return idx;
        }
        if (o instanceof String s) {
            return s.equals(handle) ? idx.remove(name) : idx;
        }
        String[] prev = (String[]) o;
        List<String> keep = new ArrayList<>(prev.length);
        for (String h : prev) {
            if (!h.equals(handle)) {
                keep.add(h);
            }
        }
        if (keep.size() == prev.length) {
            return idx;
        }
        return keep.size() == 1 ? idx.put(name, keep.get(0)) : idx.put(name, keep.toArray(new String[0]));
    }
}
