package org.jxapi.db.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.XenApiType;

/**
 * The tables of the database: every class of the model that has objects (a uuid and messages),
 * whether its rows reach the disk, and the paired reference fields between them.
 */
final class Schema {
    /**
     * Classes whose rows live only in memory, as in the original: sessions and tasks do not
     * outlive the toolstack process.
     */
    static final Set<String> NOT_PERSISTED = Set.of("session", "task");

    private static final Schema DEFAULT = new Schema();

    final List<TableDef> tables;
    final List<Relation> relations;
    private final Map<String, TableDef> byName;

    private Schema() {
        List<TableDef> defs = new ArrayList<>();
        List<ClassMeta> metas = new ArrayList<>();
        for (ClassMeta c : Model.classes()) {
            if (c.isPersistent()) {
                defs.add(new TableDef(defs.size(), c, !NOT_PERSISTED.contains(c.name())));
                metas.add(c);
            }
        }
        Map<String, TableDef> names = new HashMap<>();
        for (TableDef t : defs) {
            names.put(t.meta.name(), t);
        }
        List<Relation> rels = new ArrayList<>();
        for (Relation r : Relations.derive(metas)) {
            TableDef one = names.get(r.oneClass());
            TableDef many = names.get(r.manyClass());
            // A relation must not let an in-memory-only change alter what is on disk.
            if (one.persisted != many.persisted) {
                continue;
            }
            rels.add(r);
            int setField = one.meta.field(r.setField()).index();
            int otherField = many.meta.field(r.manyField()).index();
            if (r.manyToMany()) {
                one.m2mLinks.add(new Link(setField, many, otherField, -1));
                many.m2mLinks.add(new Link(otherField, one, setField, -1));
            } else {
                one.setLinks.add(new Link(setField, many, otherField, -1));
                many.refLinks.add(new Link(otherField, one, setField, one.setLinks.size() - 1));
                one.derived[setField] = true;
            }
        }
        for (TableDef t : defs) {
            t.freeze();
        }
        this.tables = Collections.unmodifiableList(defs);
        this.relations = Collections.unmodifiableList(rels);
        this.byName = names;
    }

    static Schema get() {
        return DEFAULT;
    }

    TableDef table(String className) {
        TableDef t = byName.get(className);
        if (t == null) {
            throw new IllegalArgumentException("no table for class " + className);
        }
        return t;
    }

    TableDef tableOrNull(String className) {
        return byName.get(className);
    }

    /**
     * A link from one field of a table to the paired field of another (or the same) table. For a
     * single reference, {@code peer} is the index of the matching set link in the other table.
     */
    record Link(int field, TableDef other, int otherField, int peer) { }

    static final class TableDef {
        final int id;
        final ClassMeta meta;
        final boolean persisted;
        final int uuidField;
        final int nameLabelField;
        /** This table holds the single reference (VBD.VM). */
        List<Link> refLinks = new ArrayList<>();
        /** This table holds the derived set (VM.VBDs); index i matches TableState.dangling[i]. */
        List<Link> setLinks = new ArrayList<>();
        List<Link> m2mLinks = new ArrayList<>();
        final boolean[] derived;

        TableDef(int id, ClassMeta meta, boolean persisted) {
            this.id = id;
            this.meta = meta;
            this.persisted = persisted;
            FieldMeta u = meta.field("uuid");
            this.uuidField = u == null ? -1 : u.index();
            FieldMeta n = meta.field("name_label");
            this.nameLabelField = n == null || n.type() != XenApiType.Primitive.STRING ? -1 : n.index();
            this.derived = new boolean[meta.fields().size()];
        }

        void freeze() {
            refLinks = List.copyOf(refLinks);
            setLinks = List.copyOf(setLinks);
            m2mLinks = List.copyOf(m2mLinks);
        }

        String name() {
            return meta.name();
        }

        FieldMeta field(String name) {
            FieldMeta f = meta.field(name);
            if (f == null) {
                throw new IllegalArgumentException("class " + meta.name() + " has no field " + name);
            }
            return f;
        }

        @Override
        public String toString() {
            return meta.name();
        }
    }
}
