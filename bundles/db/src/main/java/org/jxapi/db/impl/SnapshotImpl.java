package org.jxapi.db.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Change;
import org.jxapi.db.ChangeSet;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.db.impl.Schema.TableDef;
import org.jxapi.xenapi.model.Ref;

/** A published state with its view of the change log. */
final class SnapshotImpl implements Snapshot {
    private static final Change.Kind[] KINDS = Change.Kind.values();
    final DbState state;
    private final Schema schema;
    private final Changelog changelog;

    SnapshotImpl(Schema schema, DbState state, Changelog changelog) {
        this.schema = schema;
        this.state = state;
        this.changelog = changelog;
    }

    @Override
    public long generation() {
        return state.generation;
    }

    @Override
    public TableState table(String className) {
        return state.tables[schema.table(className).id];
    }

    @Override
    public Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (TableState t : state.tables) {
            m.put(t.def.name(), t.size());
        }
        return m;
    }

    @Override
    public ChangeSet changesSince(long since, Set<String> classes) {
        boolean[] filter = null;
        if (classes != null) {
            filter = new boolean[state.tables.length];
            for (String c : classes) {
                TableDef d = schema.tableOrNull(c);
                if (d != null) {
                    filter[d.id] = true;
                }
            }
        }
        long upTo = state.generation;
        List<Change> out = new ArrayList<>();
        if (since >= upTo) {
            return new ChangeSet(since, upTo, since >= changelog.horizon() || since >= upTo, out);
        }
        Map<String, Changelog.Entry> entries = changelog.collect(since, upTo, filter);
        if (entries != null) {
            for (Changelog.Entry e : entries.values()) {
                TableState t = state.tables[e.table()];
                RowImpl row = t.get(e.handle());
                if (row != null) {
                    out.add(new Change(t.def.name(), row.ref, row.created > since ? Change.Kind.ADD : Change.Kind.MOD,
                            row, row.uuid(), row.modified));
                } else if (e.created() <= since) {
                    // Created and deleted after 'since': the reader never saw it, so it needs no news.
                    out.add(new Change(t.def.name(), Ref.of(e.handle()), Change.Kind.DEL, null, e.uuid(),
                            e.generation()));
                }
            }
            return new ChangeSet(since, upTo, true, out);
        }
        // Older than the kept history: every live object changed since is still known, deletions are not.
        for (TableState t : state.tables) {
            if (filter != null && !filter[t.def.id]) {
                continue;
            }
            for (Row r : t) {
                RowImpl row = (RowImpl) r;
                if (row.modified > since) {
                    out.add(new Change(t.def.name(), row.ref, row.created > since ? Change.Kind.ADD : Change.Kind.MOD,
                            row, row.uuid(), row.modified));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.generation(), b.generation()));
        return new ChangeSet(since, upTo, false, out);
    }

    static Change.Kind kind(byte b) {
        return KINDS[b];
    }
}
