package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.db.Change;
import org.jxapi.db.ChangeSet;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;

class DatabaseTest {
    @TempDir
    Path dir;
    private DatabaseImpl db;

    private DatabaseImpl open() throws Exception {
        db = DatabaseImpl.open(DbOptions.durable(dir));
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void createdObjectsHaveDefaultsAUuidAndAreFoundByUuidAndName() throws Exception {
        open();
        Ref<Vm> vm = db.write(tx -> tx.create("VM", Map.of("name_label", "web")));
        Row row = db.snapshot().require("VM", vm);
        assertEquals("web", row.get("name_label"));
        assertEquals(VmPowerState.HALTED, row.get("power_state"));
        assertEquals(36, row.uuid().length());
        assertEquals(row, db.snapshot().table("VM").byUuid(row.uuid()));
        assertEquals(List.of(row), db.snapshot().table("VM").byNameLabel("web"));
        Vm rec = row.toRecord(Vm.class);
        assertEquals("web", rec.nameLabel());
    }

    @Test
    void badHandlesAndDuplicateMapKeysGetTheOriginalsErrors() throws Exception {
        open();
        Ref<Vm> vm = db.write(tx -> tx.create("VM", Map.of("other_config", Map.of("k", "v"))));
        XenApiException e = assertThrows(XenApiException.class,
                () -> db.write(tx -> {
                    tx.set("VM", Ref.of("OpaqueRef:nope"), "name_label", "x");
                    return null;
                }));
        assertEquals(List.of("HANDLE_INVALID", "VM", "OpaqueRef:nope"), e.errorDescription());
        String uuid = db.snapshot().require("VM", vm).uuid();
        XenApiException dup = assertThrows(XenApiException.class, () -> db.write(tx -> {
            tx.addToMap("VM", vm, "other_config", "k", "w");
            return null;
        }));
        assertEquals(List.of("MAP_DUPLICATE_KEY", "VM", "other_config", uuid, "k"), dup.errorDescription());
        assertEquals(Map.of("k", "v"), db.snapshot().require("VM", vm).get("other_config"));
    }

    @Test
    void aFailedTransactionChangesNothing() throws Exception {
        open();
        long before = db.generation();
        assertThrows(XenApiException.class, () -> db.write(tx -> {
            tx.create("VM", Map.of("name_label", "half"));
            tx.destroy("VM", Ref.of("OpaqueRef:missing"));
            return null;
        }));
        assertEquals(before, db.generation());
        assertTrue(db.snapshot().table("VM").byNameLabel("half").isEmpty());
    }

    @Test
    void pairedReferenceFieldsStayInStep() throws Exception {
        open();
        Ref<Vm> a = db.write(tx -> tx.create("VM", Map.of("name_label", "a")));
        Ref<Vm> b = db.write(tx -> tx.create("VM", Map.of("name_label", "b")));
        Ref<Vbd> vbd = db.write(tx -> tx.create("VBD", Map.of("VM", a)));
        assertEquals(Set.of(vbd), db.snapshot().require("VM", a).get("VBDs"));
        db.write(tx -> {
            tx.set("VBD", vbd, "VM", b);
            return null;
        });
        assertEquals(Set.of(), db.snapshot().require("VM", a).get("VBDs"));
        assertEquals(Set.of(vbd), db.snapshot().require("VM", b).get("VBDs"));
        db.write(tx -> {
            tx.destroy("VBD", vbd);
            return null;
        });
        assertEquals(Set.of(), db.snapshot().require("VM", b).get("VBDs"));
        assertThrows(IllegalArgumentException.class, () -> db.write(tx -> {
            tx.set("VM", a, "VBDs", Set.of());
            return null;
        }));
    }

    @Test
    void objectsCreatedBeforeTheirTargetAppearInItsSetAndDestroyDoesNotCascade() throws Exception {
        open();
        Ref<Vm> later = Ref.fresh();
        Ref<Vbd> early = db.write(tx -> tx.create("VBD", Map.of("VM", later)));
        db.write(tx -> tx.create("VM", later, Map.of("name_label", "late")));
        assertEquals(Set.of(early), db.snapshot().require("VM", later).get("VBDs"));
        db.write(tx -> {
            tx.destroy("VM", later);
            return null;
        });
        // The VBD keeps its reference; recreating the VM under the same reference finds it again.
        assertEquals(later, db.snapshot().require("VBD", early).get("VM"));
        db.write(tx -> tx.create("VM", later, Map.of()));
        assertEquals(Set.of(early), db.snapshot().require("VM", later).get("VBDs"));
    }

    @Test
    void setsMapsAndDatetimesAreStoredInTheirOneForm() throws Exception {
        open();
        Instant withNanos = Instant.parse("2025-03-04T05:06:07.891Z");
        Ref<Vm> vm = db.write(tx -> tx.create("VM", Map.of("tags", List.of("a", "b", "a"),
                "snapshot_time", withNanos, "VCPUs_max", 4)));
        Row r = db.snapshot().require("VM", vm);
        assertEquals(Set.of("a", "b"), r.get("tags"));
        assertEquals(Instant.parse("2025-03-04T05:06:07Z"), r.get("snapshot_time"));
        assertEquals(4L, r.get("VCPUs_max"));
        db.write(tx -> {
            tx.addToSet("VM", vm, "tags", "c");
            tx.removeFromSet("VM", vm, "tags", "a");
            tx.removeFromMap("VM", vm, "other_config", "absent");
            return null;
        });
        assertEquals(List.of("b", "c"), List.copyOf((Set<?>) db.snapshot().require("VM", vm).get("tags")));
    }

    @Test
    void changesSinceCoalescesAndReportsDeletions() throws Exception {
        open();
        Ref<Vm> keep = db.write(tx -> tx.create("VM", Map.of()));
        Ref<Vm> gone = db.write(tx -> tx.create("VM", Map.of()));
        String goneUuid = db.snapshot().require("VM", gone).uuid();
        long token = db.generation();
        for (int i = 0; i < 5; i++) {
            int n = i;
            db.write(tx -> {
                tx.set("VM", keep, "name_label", "v" + n);
                return null;
            });
        }
        Ref<Vm> born = db.write(tx -> tx.create("VM", Map.of()));
        db.write(tx -> {
            tx.destroy("VM", gone);
            return null;
        });
        Ref<Vm> brief = db.write(tx -> tx.create("VM", Map.of()));
        db.write(tx -> {
            tx.destroy("VM", brief);
            return null;
        });
        ChangeSet cs = db.snapshot().changesSince(token, Set.of("VM"));
        assertTrue(cs.complete());
        assertEquals(3, cs.changes().size(), cs.changes().toString());
        Change mod = cs.changes().stream().filter(c -> c.ref().equals(keep)).findFirst().orElseThrow();
        assertEquals(Change.Kind.MOD, mod.kind());
        assertEquals("v4", mod.row().get("name_label"));
        assertEquals(Change.Kind.ADD,
                cs.changes().stream().filter(c -> c.ref().equals(born)).findFirst().orElseThrow().kind());
        Change del = cs.changes().stream().filter(c -> c.ref().equals(gone)).findFirst().orElseThrow();
        assertEquals(Change.Kind.DEL, del.kind());
        assertEquals(goneUuid, del.uuid());
        assertNull(del.row());
        assertTrue(db.snapshot().changesSince(token, Set.of("SR")).changes().isEmpty());
    }

    @Test
    void waitersWakeWhenAChangeCommits() throws Exception {
        open();
        long g = db.generation();
        CompletableFuture<Long> f = db.awaitGeneration(g);
        assertFalse(f.isDone());
        db.write(tx -> tx.create("SR", Map.of()));
        assertEquals(g + 1, f.get(5, TimeUnit.SECONDS));
        assertTrue(db.awaitGeneration(g).isDone());
    }

    @Test
    void aSnapshotStaysAsItWasWhileWritersGoOn() throws Exception {
        open();
        Ref<Vm> vm = db.write(tx -> tx.create("VM", Map.of("name_label", "before")));
        Snapshot old = db.snapshot();
        db.write(tx -> {
            tx.set("VM", vm, "name_label", "after");
            tx.create("VM", Map.of());
            return null;
        });
        assertEquals("before", old.require("VM", vm).get("name_label"));
        assertEquals(1, old.table("VM").size());
        assertEquals(2, db.snapshot().table("VM").size());
    }

    @Test
    void everythingSurvivesARestartExceptSessionsAndTasks() throws Exception {
        open();
        Ref<Vm> vm = db.write(tx -> tx.create("VM", Map.of("name_label", "kept", "other_config", Map.of("a", "b"))));
        Ref<Vbd> vbd = db.write(tx -> tx.create("VBD", Map.of("VM", vm)));
        db.write(tx -> tx.create("task", Map.of("name_label", "t")));
        db.write(tx -> {
            tx.addToMap("VM", vm, "other_config", "c", "d");
            tx.addToSet("VM", vm, "tags", "x");
            return null;
        });
        Row before = db.snapshot().require("VM", vm);
        long gen = db.generation();
        db.close();
        open();
        assertEquals(gen, db.generation());
        Row after = db.snapshot().require("VM", vm);
        assertEquals(before, after);
        assertEquals(Set.of(vbd), after.get("VBDs"));
        assertEquals(0, db.snapshot().table("task").size());
        assertNotNull(db.snapshot().require("VBD", vbd));
    }
}
