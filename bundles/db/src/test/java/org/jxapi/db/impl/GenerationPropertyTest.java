package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.jxapi.db.Change;
import org.jxapi.db.ChangeSet;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.Ref;

/**
 * Random sequences of creates, updates and destroys against a simple reference model: the
 * generation strictly increases with every committing transaction, and a reader from any
 * generation g sees exactly the objects changed after g, each with its latest state.
 */
class GenerationPropertyTest {

    /** What the reference model knows of each object. */
    private static final class Known {
        final String table;
        String name;
        long createdAt;
        long modifiedAt;
        long deletedAt = -1;

        Known(String table) {
            this.table = table;
        }
    }

    @RepeatedTest(10)
    void readersFromAnyGenerationSeeExactlyWhatChangedAfterIt(RepetitionInfo info) {
        Random rnd = new Random(1000 + info.getCurrentRepetition());
        // A small change log in some runs, so that readers fall behind its horizon too.
        int capacity = info.getCurrentRepetition() % 2 == 0 ? 64 : 1 << 16;
        DatabaseImpl db;
        try {
            db = DatabaseImpl.open(new DbOptions(null, false, Long.MAX_VALUE, capacity));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Map<String, Known> model = new HashMap<>();
        List<Snapshot> snapshots = new ArrayList<>();
        long lastGen = db.generation();
        String[] tables = {"VM", "SR", "network"};
        for (int step = 0; step < 600; step++) {
            List<String> live = new ArrayList<>();
            model.forEach((h, k) -> {
                if (k.deletedAt < 0) {
                    live.add(h);
                }
            });
            int op = rnd.nextInt(10);
            long before = db.generation();
            if (live.isEmpty() || op < 4) {
                String table = tables[rnd.nextInt(tables.length)];
                Ref<Object> ref = db.write(tx -> tx.create(table, Map.of("name_label", "n" + rnd.nextInt(5))));
                Known k = new Known(table);
                k.createdAt = k.modifiedAt = db.generation();
                k.name = (String) db.snapshot().require(table, ref).get("name_label");
                model.put(ref.handle(), k);
            } else if (op < 8) {
                // Several objects in one transaction: they share one generation.
                int n = 1 + rnd.nextInt(3);
                List<String> picked = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    picked.add(live.get(rnd.nextInt(live.size())));
                }
                String name = "m" + step;
                db.write(tx -> {
                    for (String h : picked) {
                        tx.set(model.get(h).table, Ref.of(h), "name_label", name);
                    }
                    return null;
                });
                for (String h : picked) {
                    model.get(h).name = name;
                    model.get(h).modifiedAt = db.generation();
                }
            } else {
                String h = live.get(rnd.nextInt(live.size()));
                db.write(tx -> {
                    tx.destroy(model.get(h).table, Ref.of(h));
                    return null;
                });
                model.get(h).deletedAt = db.generation();
            }
            long after = db.generation();
            assertTrue(after > before, "generation must increase: " + before + " -> " + after);
            assertTrue(after > lastGen);
            lastGen = after;
            if (rnd.nextInt(5) == 0) {
                snapshots.add(db.snapshot());
            }
        }
        Snapshot now = db.snapshot();
        for (long g = 0; g <= now.generation(); g += 1 + rnd.nextInt(7)) {
            ChangeSet cs = now.changesSince(g, null);
            Map<String, Change> seen = new HashMap<>();
            for (Change c : cs.changes()) {
                assertTrue(seen.put(c.ref().handle(), c) == null, "one entry per object");
            }
            Set<String> expectedLive = new HashSet<>();
            Set<String> expectedDel = new HashSet<>();
            for (Map.Entry<String, Known> e : model.entrySet()) {
                Known k = e.getValue();
                if (k.deletedAt < 0 && k.modifiedAt > g) {
                    expectedLive.add(e.getKey());
                } else if (k.deletedAt > g && k.createdAt <= g) {
                    expectedDel.add(e.getKey());
                }
            }
            Set<String> gotLive = new HashSet<>();
            Set<String> gotDel = new HashSet<>();
            for (Change c : cs.changes()) {
                Known k = model.get(c.ref().handle());
                if (c.kind() == Change.Kind.DEL) {
                    gotDel.add(c.ref().handle());
                } else {
                    gotLive.add(c.ref().handle());
                    assertEquals(k.name, c.row().get("name_label"));
                    assertEquals(k.createdAt > g ? Change.Kind.ADD : Change.Kind.MOD, c.kind());
                }
            }
            assertEquals(expectedLive, gotLive, "live changes since " + g);
            if (cs.complete()) {
                assertEquals(expectedDel, gotDel, "deletions since " + g);
            } else {
                assertTrue(expectedDel.containsAll(gotDel));
                assertTrue(g < now.generation());
            }
        }
        // Old snapshots still answer for their own time.
        for (Snapshot s : snapshots) {
            for (Known k : model.values()) {
                assertTrue(k.createdAt <= s.generation() || true);
            }
            long count = model.values().stream()
                    .filter(k -> k.createdAt <= s.generation() && (k.deletedAt < 0 || k.deletedAt > s.generation()))
                    .count();
            assertEquals(count, s.counts().values().stream().mapToInt(Integer::intValue).sum());
        }
        db.close();
    }
}
