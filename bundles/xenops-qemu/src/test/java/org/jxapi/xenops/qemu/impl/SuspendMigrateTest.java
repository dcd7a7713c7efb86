package org.jxapi.xenops.qemu.impl;

import static org.jxapi.xenops.qemu.impl.Guests.DBG;
import static org.jxapi.xenops.qemu.impl.Guests.success;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.spi.TestTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suspend to a file and resume, checkpoint and revert, suspend to RAM, and migration between two
 * xenops instances: the guest's in-memory counter must go on from where it was, never start again.
 */
@org.junit.jupiter.api.Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class SuspendMigrateTest {
    @TempDir
    Path dir;

    private static void awaitCounterPast(QemuBackend b, Vm vm, long value) {
        Guests.await("the counter goes on past " + value, Duration.ofSeconds(20), () -> Guests.counter(b, vm) > value);
    }

    @Test
    void suspendResumeAndCheckpointKeepTheGuestsMemory() throws Exception {
        try (EngineFixture f = new EngineFixture(dir)) {
            Vm vm = f.boot(Guests.vm("suspend"));
            awaitCounterPast(f.backend, vm, 2);
            Path image = dir.resolve("suspend.img");
            success(f.x, f.x.vmSuspend(DBG, vm.id(), Disk.local(image.toString())));
            assertEquals(PowerState.HALTED, f.x.vmStat(DBG, vm.id()).state().powerState(), "no domain is left");
            assertTrue(Files.size(image) > 1 << 20, "the image holds the guest's memory");
            Path checkpoint = dir.resolve("checkpoint.img");
            Files.copy(image, checkpoint);

            success(f.x, f.x.vmResume(DBG, vm.id(), Disk.local(image.toString())));
            assertEquals(PowerState.PAUSED, f.x.vmStat(DBG, vm.id()).state().powerState());
            success(f.x, f.x.vmUnpause(DBG, vm.id()));
            long after = Guests.counter(f.backend, vm);
            assertTrue(after >= 3, "the counter went on from before the suspend: " + after);
            assertEquals(0, Guests.count(Guests.read(f.console(vm)), "JXAPI-GUEST-BOOT"), "no boot after the resume");

            // Revert to the checkpoint: a new domain takes the checkpoint's memory, counter and all.
            awaitCounterPast(f.backend, vm, after + 3);
            success(f.x, f.x.vmShutdown(DBG, vm.id(), null));
            success(f.x, f.x.vmResume(DBG, vm.id(), Disk.local(checkpoint.toString())));
            success(f.x, f.x.vmUnpause(DBG, vm.id()));
            long reverted = Guests.counter(f.backend, vm);
            assertTrue(reverted >= 3 && reverted < after + 3, "back at the checkpoint: " + reverted);
        }
    }

    @Test
    void s3SuspendAndResume() {
        try (EngineFixture f = new EngineFixture(dir)) {
            Vm vm = f.boot(Guests.vm("s3"));
            awaitCounterPast(f.backend, vm, 1);
            success(f.x, f.x.vmS3Suspend(DBG, vm.id()));
            assertEquals("suspended", f.domain(vm).status, "the guest sleeps in S3");
            success(f.x, f.x.vmS3Resume(DBG, vm.id()));
            assertEquals("running", f.domain(vm).status);
            awaitCounterPast(f.backend, vm, 2);
        }
    }

    @Test
    void migrationBetweenTwoInstancesKeepsTheCounter() throws Exception {
        // Two instances as on two hosts: each its own backend and state.
        Path socket = Path.of("/tmp", "jxapi-qmig-" + ProcessHandle.current().pid() + ".sock");
        try (EngineFixture a = new EngineFixture(dir.resolve("a"));
                EngineFixture b = new EngineFixture(dir.resolve("b"), Guests.backend(dir.resolve("b/qemu")), "data")) {
            b.engine.serve(socket);
            Vm vm = a.boot(Guests.vm("migrate"));
            awaitCounterPast(a.backend, vm, 2);
            long before = Guests.counter(a.backend, vm);
            success(a.x, a.x.vmMigrate(DBG, vm.id(), Map.of(), Map.of(), Map.of(), "unix:" + socket, false, false,
                    true));
            assertFalse(a.x.vmExists(DBG, vm.id()), "the source forgot the VM");
            assertTrue(a.backend.hypervisor().table.all().isEmpty(), "no domain is left at the source");
            assertEquals(PowerState.RUNNING, b.x.vmStat(DBG, vm.id()).state().powerState());
            long after = Guests.counter(b.backend, vm);
            assertTrue(after >= before, "the counter survived: " + before + " -> " + after);
            success(b.x, b.x.vmShutdown(DBG, vm.id(), null));
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    @Test
    void liveMigrationOverTcpBetweenTwoBackends() {
        try (EngineFixture a = new EngineFixture(dir.resolve("a"));
                EngineFixture b = new EngineFixture(dir.resolve("b"), Guests.backend(dir.resolve("b/qemu")), "data")) {
            Vm vm = a.boot(Guests.vm("live"));
            awaitCounterPast(a.backend, vm, 2);
            TestTask t = new TestTask("live");
            String uri = b.backend.migration().receive(t, vm, List.of(), List.of(), "127.0.0.1");
            assertTrue(uri.startsWith("tcp:127.0.0.1:"), uri);
            List<Double> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.backend.migration().send(t, progress::add, vm, uri);
            b.backend.migration().awaitReceived(t, vm, Duration.ofSeconds(60));
            assertEquals(1.0, progress.get(progress.size() - 1));
            assertEquals("postmigrate", a.domain(vm).qmp.call("query-status").path("status").asText(null));
            b.backend.vm().unpause(t, vm);
            a.backend.vm().destroy(t, vm);
            long after = Guests.counter(b.backend, vm);
            assertTrue(after >= 2, "the guest runs on at the destination with its counter: " + after);
            b.backend.vm().destroy(t, vm);
        }
    }
}
