package org.jxapi.xapi.vm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VM.set_VCPUs_number_live and VM.checkpoint through the real xenops engine and simulator. */
class VmLiveTest {
    @TempDir
    Path dir;
    TestHost h;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHost(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private Row vm(Ref<?> vm) {
        return h.db.snapshot().require("VM", vm);
    }

    @Test
    void vcpusAreSetLiveWithinVcpusMax() {
        Ref<Vm> vm = h.vm("cpus").cast();
        h.db.write(tx -> {
            tx.set("VM", vm, "VCPUs_max", 4L);
            return null;
        });
        XenApiException halted = assertThrows(XenApiException.class, () -> h.vms.setVcpusNumberLive(null, vm, 2));
        assertEquals("VM_BAD_POWER_STATE", halted.code());

        h.vms.start(null, vm, false, false);
        h.vms.setVcpusNumberLive(null, vm, 3);
        assertEquals(3L, vm(vm).get("VCPUs_at_startup"));
        Row metrics = h.db.snapshot().require("VM_metrics", (Ref<?>) vm(vm).get("metrics"));
        assertEquals(3L, metrics.get("VCPUs_number"));

        XenApiException tooMany = assertThrows(XenApiException.class, () -> h.vms.setVcpusNumberLive(null, vm, 5));
        assertEquals("INVALID_VALUE", tooMany.code());
        assertEquals(List.of("nvcpu", "5"), tooMany.params());
        assertEquals("INVALID_VALUE", assertThrows(XenApiException.class,
                () -> h.vms.setVcpusNumberLive(null, vm, 0)).code());
        assertTrue(((Map<?, ?>) vm(vm).get("current_operations")).isEmpty());
        h.vms.hardShutdown(null, vm);
    }

    @Test
    void aCheckpointKeepsTheVmRunning() throws Exception {
        Ref<Vm> vm = h.vm("check").cast();
        assertEquals("VM_BAD_POWER_STATE",
                assertThrows(XenApiException.class, () -> h.vms.checkpoint(null, vm, "nope")).code());
        h.vms.start(null, vm, false, false);
        long domid = (Long) vm(vm).get("domid");

        Ref<Vm> cp = h.vms.checkpoint(null, vm, "cp");
        assertEquals(VmPowerState.RUNNING, vm(vm).get("power_state"));
        assertTrue(((Map<?, ?>) vm(vm).get("current_operations")).isEmpty());
        Row snap = vm(cp);
        assertEquals(VmPowerState.SUSPENDED, snap.get("power_state"));
        assertEquals(true, snap.get("is_a_snapshot"));
        assertEquals(vm, snap.get("snapshot_of"));
        assertEquals("Running", ((Map<?, ?>) snap.get("snapshot_info")).get("power-state-at-snapshot"));
        assertTrue(domid >= 0);

        // The simulator writes no memory image; reverting with one is QemuGuestIT's.
        h.vms.hardShutdown(null, vm);
        // A checkpoint's image goes when the checkpoint is destroyed.
        Path image = dir.resolve("suspend").resolve(snap.uuid() + ".suspend");
        java.nio.file.Files.writeString(image, "memory");
        h.vmLifecycle.destroy(cp, r -> { });
        assertTrue(!java.nio.file.Files.exists(image), "the image went with the checkpoint");
    }

    @Test
    void poolMigrateMovesTheVmToTheXenopsInstanceItNames() throws Exception {
        h.addInstance("org.xen.xapi.xenops.second");
        Ref<Vm> vm = h.vm("mover").cast();
        h.vms.start(null, vm, false, false);
        var here = h.host.cast();

        XenApiException noQueue = assertThrows(XenApiException.class,
                () -> h.vms.poolMigrate(null, vm, here.cast(), Map.of()));
        assertEquals("VM_MIGRATE_FAILED", noQueue.code());
        assertEquals("VM_MIGRATE_FAILED", assertThrows(XenApiException.class,
                () -> h.vms.poolMigrate(null, vm, here.cast(), Map.of("xenops", "nowhere"))).code());
        assertEquals("VM_MIGRATE_FAILED", assertThrows(XenApiException.class,
                () -> h.vms.poolMigrate(null, vm, here.cast(), Map.of("xenops", TestHost.QUEUE))).code(),
                "to the instance it runs on");

        h.vms.poolMigrate(null, vm, here.cast(), Map.of("xenops", "org.xen.xapi.xenops.second"));
        Row r = vm(vm);
        assertEquals(VmPowerState.RUNNING, r.get("power_state"));
        assertEquals("org.xen.xapi.xenops.second", ((Map<?, ?>) r.get("other_config")).get("xenops"));
        assertTrue(((Map<?, ?>) r.get("current_operations")).isEmpty());
        assertTrue(h.xenops.vmList("t").stream().noneMatch(s -> s.config().id().equals(r.uuid())),
                "the first instance forgot it");
        // Late updates of the first instance must not make it Halted: it stays Running throughout.
        stays(Duration.ofMillis(300), () -> vm(vm).get("power_state") == VmPowerState.RUNNING);
        assertEquals(VmPowerState.RUNNING, vm(vm).get("power_state"));
        h.vms.hardShutdown(null, vm);
        assertEquals(VmPowerState.HALTED, vm(vm).get("power_state"));
    }

    /** As after a restart: a VM that the database says is running, on an instance that is not back yet. */
    private Ref<Vm> runningOnAnInstanceNotUpYet(String name) {
        Ref<Vm> vm = h.vm(name).cast();
        h.db.write(tx -> {
            tx.addToMap("VM", vm, "other_config", "xenops", "org.xen.xapi.xenops.later");
            tx.set("VM", vm, "power_state", VmPowerState.RUNNING);
            tx.set("VM", vm, "resident_on", h.host);
            return null;
        });
        return vm;
    }

    @Test
    void anInstanceComingUpLeavesTheVmsOfAnotherInstanceAlone() throws Exception {
        Ref<Vm> vm = runningOnAnInstanceNotUpYet("elsewhere");
        // A bridge whose default instance is not there either: only "first" has come up so far.
        XenopsBridge later = new XenopsBridge(h.db, TestHost.NO_CALL,
                TestHost.config(Map.of("default.queue", "org.xen.xapi.xenops.absent")));
        try {
            later.addXenops(h.xenops, Map.of(XenopsBridge.QUEUE_PROPERTY, "org.xen.xapi.xenops.first"));
            stays(Duration.ofMillis(500), () -> vm(vm).get("power_state") == VmPowerState.RUNNING);
            assertEquals(VmPowerState.RUNNING, vm(vm).get("power_state"), "not the first instance's VM to halt");
        } finally {
            later.close();
        }
    }

    @Test
    void aStartSoonAfterStartUpWaitsForTheInstanceItNamesAndLaterFallsBackAtOnce() throws Exception {
        Ref<Vm> vm = h.vm("early").cast();
        h.db.write(tx -> {
            tx.addToMap("VM", vm, "other_config", "xenops", "org.xen.xapi.xenops.later");
            return null;
        });
        // Just activated: the named instance is probably still registering, so the start waits for it.
        XenopsBridge fresh = new XenopsBridge(h.db, TestHost.NO_CALL,
                TestHost.config(Map.of("instance.wait.seconds", 10)));
        try {
            fresh.addXenops(h.xenops, Map.of(XenopsBridge.QUEUE_PROPERTY, TestHost.QUEUE));
            java.util.concurrent.CompletableFuture<XenopsQueue> waiting =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> fresh.instanceFor(vm(vm)));
            stays(Duration.ofMillis(300), () -> !waiting.isDone());
            assertFalse(waiting.isDone(), "it waits instead of taking the default instance");
            fresh.addXenops(h.addInstance("org.xen.xapi.xenops.later"),
                    Map.of(XenopsBridge.QUEUE_PROPERTY, "org.xen.xapi.xenops.later"));
            assertEquals("org.xen.xapi.xenops.later", waiting.get(5, java.util.concurrent.TimeUnit.SECONDS).queue);
        } finally {
            fresh.close();
        }
        // Past the grace period an unknown name means the default instance, without waiting.
        h.db.write(tx -> {
            tx.removeFromMap("VM", vm, "other_config", "xenops");
            tx.addToMap("VM", vm, "other_config", "xenops", "org.xen.xapi.xenops.nowhere");
            return null;
        });
        MovableClock clock = new MovableClock();
        XenopsBridge settled = new XenopsBridge(h.db, TestHost.NO_CALL,
                TestHost.config(Map.of("instance.wait.seconds", 1)), clock);
        try {
            settled.addXenops(h.xenops, Map.of(XenopsBridge.QUEUE_PROPERTY, TestHost.QUEUE));
            // The 1 s start-up grace period passes on the bridge's clock, not by waiting for it.
            clock.advance(Duration.ofMillis(1100));
            long t0 = System.nanoTime();
            assertEquals(TestHost.QUEUE, settled.instanceFor(vm(vm)).queue);
            assertTrue(System.nanoTime() - t0 < 500_000_000L, "no wait once the grace period is over");
        } finally {
            settled.close();
        }
    }

    @Test
    void anOperationOnARunningVmWaitsForItsInstanceToComeUp() throws Exception {
        Ref<Vm> vm = runningOnAnInstanceNotUpYet("waiting");
        XenopsBridge later = new XenopsBridge(h.db, TestHost.NO_CALL,
                TestHost.config(Map.of("instance.wait.seconds", 1)));
        try {
            long t0 = System.nanoTime();
            XenApiException e = assertThrows(XenApiException.class, () -> later.instanceRunning(vm(vm)));
            assertEquals("INTERNAL_ERROR", e.code());
            assertTrue(System.nanoTime() - t0 >= 900_000_000L, "it waited for the instance first");
            java.util.concurrent.CompletableFuture<XenopsQueue> waiting =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> later.instanceRunning(vm(vm)));
            stays(Duration.ofMillis(200), () -> !waiting.isDone());
            assertFalse(waiting.isDone());
            later.addXenops(h.xenops, Map.of(XenopsBridge.QUEUE_PROPERTY, "org.xen.xapi.xenops.later"));
            assertEquals("org.xen.xapi.xenops.later",
                    waiting.get(5, java.util.concurrent.TimeUnit.SECONDS).queue);
        } finally {
            later.close();
        }
    }

    /** Passes once {@code holds} has held for all of {@code d}: for things that must not happen meanwhile. */
    private static void stays(Duration d, java.util.concurrent.Callable<Boolean> holds) {
        Awaitility.await().during(d).atMost(d.plusSeconds(5)).until(holds);
    }
}
