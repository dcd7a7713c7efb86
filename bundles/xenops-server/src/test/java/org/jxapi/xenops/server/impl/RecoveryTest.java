package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.jxapi.xenops.server.impl.Fixture.success;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmAction;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata that outlives the engine, repair on restart, guest-initiated events, reboot-loop
 * damping, and "do no harm": VMs the instance was not asked to manage.
 */
class RecoveryTest {
    @TempDir
    Path dir;

    @Test
    void metadataIsKeptAsFilesAndReadBackAfterARestart() throws Exception {
        Vm vm = Vm.builder("persist").name("kept").build();
        try (Fixture f = new Fixture(dir)) {
            f.service.vmAdd(DBG, vm);
            f.service.vbdAdd(DBG, Vbd.disk(new DeviceId("persist", "xvda"), Vbd.Mode.READ_WRITE, Disk.vdi("sr/a")));
            f.service.vifAdd(DBG, Vif.of(new DeviceId("persist", "0"), 0, "", "xenbr0"));
            success(f.service, f.service.vmStart(DBG, "persist", false));
        }
        Path vmDir = dir.resolve("data/VM/persist");
        assertTrue(Files.exists(vmDir.resolve("config")));
        assertTrue(Files.exists(vmDir.resolve("vbd.xvda")));
        assertTrue(Files.exists(vmDir.resolve("vif.0")));
        assertTrue(Files.exists(vmDir.resolve("extra")), "VmExtra: what the running domain was started with");
        try (var files = Files.list(vmDir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
        try (Fixture f = new Fixture(dir)) {
            assertEquals(vm, f.service.vmStat(DBG, "persist").config());
            assertEquals(PowerState.PAUSED, f.service.vmStat(DBG, "persist").state().powerState(),
                    "a completed start is left alone");
            assertEquals(1, f.service.vbdList(DBG, "persist").size());
            // The MAC was generated once, at add, and kept.
            String mac = f.service.vifList(DBG, "persist").get(0).config().mac();
            assertTrue(mac.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}"), mac);
            success(f.service, f.service.vmShutdown(DBG, "persist", null));
        }
    }

    @Test
    void aHalfBuiltDomainFoundAtStartIsCleanedUp() throws Exception {
        SimulatorBackend sim = new SimulatorBackend(dir.resolve("domains"));
        try (Fixture f = new Fixture(dir, sim, 2, 0)) {
            f.service.vmAdd(DBG, Vm.builder("half").build());
            // What a killed start leaves: a domain marked unfinished.
            f.service.debugTrigger(DBG, "set-pause-trigger", List.of("half-start", "4"));
            String t = f.service.vmStart("half-start", "half", false);
            f.await("paused", () -> f.service.taskStat(DBG, t).debugInfo().containsKey("paused_at"));
            assertEquals(1, f.service.vmStat(DBG, "half").state().domids().size());
            f.engine.tasks().get(t).release();
            Fixture.waitForTask(f.service, t);
            success(f.service, f.service.vmShutdown(DBG, "half", null));
            // Now make the unfinished domain by hand, as a crash would have left it.
            success(f.service, f.service.vmCreate(DBG, "half"));
            f.backend.vm().setDomainActionRequest(f.service.vmStat(DBG, "half").config(), DomainActionRequest.NEEDS_POWEROFF);
        }
        try (Fixture f = new Fixture(dir, new SimulatorBackend(dir.resolve("domains")), 2, 0)) {
            assertTrue(f.sim().awaitNoDomain("half", Duration.ofSeconds(30)), "the restart cleaned it up");
            assertEquals(PowerState.HALTED, f.service.vmStat(DBG, "half").state().powerState());
        }
    }

    @Test
    void aDomainNotCreatedByTheInstanceIsLeftAlone() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            f.service.vmAdd(DBG, Vm.builder("mine").build());
            f.service.debugTrigger(DBG, "create-domain", List.of("theirs"));
            String before = f.sim().describeDomains().toString();
            int token = f.service.updatesLastId(DBG);
            // The foreign guest asks for attention; this instance does not manage it.
            f.service.debugTrigger(DBG, "reboot", List.of("theirs"));
            f.service.debugTrigger(DBG, "halt", List.of("theirs"));
            success(f.service, f.service.vmStart(DBG, "mine", false));
            success(f.service, f.service.vmShutdown(DBG, "mine", null));
            assertFalse(f.service.vmExists(DBG, "theirs"));
            assertTrue(f.service.vmList(DBG).stream().noneMatch(s -> s.config().id().equals("theirs")));
            Updates u = f.service.updatesGet(DBG, token, 0);
            assertTrue(u.ids().stream().noneMatch(i -> "theirs".equals(i.vmId())), u.toString());
            assertTrue(f.engine.tasks().list().stream().noneMatch(t -> t.dbg().equals("events")));
            String after = f.sim().describeDomains().toString();
            assertTrue(after.contains("theirs domid=1 request=NEEDS_POWEROFF built=true paused=false"), after);
            assertTrue(before.contains("theirs domid=1"), before);
        }
        try (Fixture f = new Fixture(dir)) {
            assertTrue(f.sim().describeDomains().toString().contains("theirs domid=1 request=NEEDS_POWEROFF"),
                    "a restart does not touch it either");
        }
    }

    @Test
    void aGuestThatCrashesIsShutDownAndOneThatRebootsIsRestarted() {
        try (Fixture f = new Fixture(dir)) {
            String id = f.service.vmAdd(DBG, Vm.builder("guest").onCrash(List.of(VmAction.START)).build());
            success(f.service, f.service.vmStart(DBG, id, false));
            success(f.service, f.service.vmUnpause(DBG, id));
            int domid = f.service.vmStat(DBG, id).state().domids().get(0);
            f.service.debugTrigger(DBG, "reboot", List.of(id));
            f.await("rebooted", () -> {
                List<Integer> d = f.service.vmStat(DBG, id).state().domids();
                return !d.isEmpty() && d.get(0) != domid;
            });
            // A crash soon after starting is not restarted even with on_crash = Start: it could loop.
            f.service.debugTrigger(DBG, "crash", List.of(id));
            f.await("shut down after the crash", () -> f.service.vmStat(DBG, id).state().powerState() == PowerState.HALTED);
        }
    }

    /** Waits until the VM runs in another domain than {@code domid}; returns the seconds that took. */
    private static double rebootTime(Fixture f, String id, int domid) {
        long t0 = System.nanoTime();
        f.service.debugTrigger(DBG, "reboot", List.of(id));
        f.await("rebooted", () -> {
            List<Integer> d = f.service.vmStat(DBG, id).state().domids();
            return !d.isEmpty() && d.get(0) != domid;
        });
        return (System.nanoTime() - t0) / 1e9;
    }

    @Test
    void rebootsOfAVmThatJustStartedWaitForTheMinimumDelay() {
        try (Fixture f = new Fixture(dir, new SimulatorBackend((Path) null), 2, 1.5)) {
            String id = f.service.vmAdd(DBG, Vm.builder("loop").build());
            success(f.service, f.service.vmStart(DBG, id, false));
            success(f.service, f.service.vmUnpause(DBG, id));
            double waited = rebootTime(f, id, f.service.vmStat(DBG, id).state().domids().get(0));
            assertTrue(waited >= 1.2, "the reboot waited: " + waited + " s");
        }
        // A VM that ran long enough (here: any time at all) reboots at once.
        try (Fixture f = new Fixture(dir.resolve("again"), new SimulatorBackend((Path) null), 2, 0)) {
            String id = f.service.vmAdd(DBG, Vm.builder("loop").build());
            success(f.service, f.service.vmStart(DBG, id, false));
            double waited = rebootTime(f, id, f.service.vmStat(DBG, id).state().domids().get(0));
            assertTrue(waited < 1.2, "no delay: " + waited + " s");
        }
    }

    @Test
    void aClientComingBackWithAnOldTokenLosesNothing() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            int token = f.service.updatesLastId(DBG);
            f.service.vmAdd(DBG, Vm.builder("a").build());
            f.service.vmAdd(DBG, Vm.builder("b").build());
            String t = f.service.vmStart(DBG, "a", false);
            Fixture.waitForTask(f.service, t);
            // Meanwhile another client has read everything.
            Updates latest = f.service.updatesGet(DBG, null, 0);
            assertFalse(latest.ids().isEmpty());
            Updates mine = f.service.updatesGet(DBG, token, 0);
            assertTrue(mine.ids().containsAll(List.of(DynamicId.vm("a"), DynamicId.vm("b"), DynamicId.task(t))),
                    mine.toString());
            assertEquals(mine.ids().size(), mine.ids().stream().distinct().count(), "each id once");
            // Nothing new: the wait runs out and says so with an empty answer and the same token.
            Updates none = f.service.updatesGet(DBG, mine.lastId(), 1);
            assertTrue(none.ids().isEmpty());
            assertEquals(mine.lastId(), none.lastId());
            // A waiting client is woken by a change, not by polling: the change comes once it waits.
            Thread waiter = Thread.currentThread();
            Thread waker = new Thread(() -> {
                Awaitility.await("the client waits for updates").atMost(Duration.ofSeconds(30))
                        .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
                f.service.updatesRefreshVm(DBG, "b");
            });
            waker.start();
            long t0 = System.nanoTime();
            Updates woken = f.service.updatesGet(DBG, mine.lastId(), 30);
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
            assertEquals(List.of(DynamicId.vm("b")), woken.ids());
            waker.join();
        }
    }
}
