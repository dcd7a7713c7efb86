package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.jxapi.xenops.server.impl.Fixture.success;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancellation: at every cancellation point of a start, of a running subprocess and of a pending
 * wait. A cancelled task ends within the original's 30 seconds and leaves the VM halted and clean
 * or running and whole. Through the Unix socket, as a client would.
 */
class CancellationTest {
    static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    Fixture f;
    Xenops x;
    String vm;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(dir).serve();
        x = f.client;
        // A VM with a read/write and a read-only disk, two NICs, and a pre-start hook that succeeds.
        vm = x.vmAdd(DBG, Vm.builder("cancel-me").build());
        x.vbdAdd(DBG, Vbd.disk(new DeviceId(vm, "ro"), Vbd.Mode.READ_ONLY, Disk.vdi("sr/iso")));
        x.vbdAdd(DBG, Vbd.disk(new DeviceId(vm, "rw"), Vbd.Mode.READ_WRITE, Disk.vdi("sr/root")));
        x.vifAdd(DBG, Vif.of(new DeviceId(vm, "0"), 0, "", "xenbr0"));
        x.vifAdd(DBG, Vif.of(new DeviceId(vm, "1"), 1, "", "xenbr1"));
        f.hook("vm-pre-start", "10ok", "exit 0", true);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private int cancelPointsOfAStart() {
        String t = x.vmStart("count", vm, false);
        TaskInfo info = Fixture.waitForTask(x, t);
        assertEquals(TaskState.Status.COMPLETED, info.state().status());
        x.taskDestroy(DBG, t);
        success(x, x.vmShutdown(DBG, vm, null));
        return Integer.parseInt(info.debugInfo().get("cancel_points_seen"));
    }

    /** Halted and clean, or running (paused, as a start leaves it) and whole: nothing in between. */
    private void assertRecognisable(String when) {
        Stat<Vm, VmState> s = x.vmStat(DBG, vm);
        List<Stat<Vbd, VbdState>> vbds = x.vbdList(DBG, vm);
        List<Stat<Vif, VifState>> vifs = x.vifList(DBG, vm);
        Vm config = s.config();
        if (s.state().powerState() == PowerState.HALTED) {
            assertTrue(s.state().domids().isEmpty(), when + ": no domain");
            vbds.forEach(v -> assertFalse(v.state().plugged() || v.state().active(), when + ": " + v));
            vifs.forEach(v -> assertFalse(v.state().plugged() || v.state().active(), when + ": " + v));
            assertFalse(f.sim().describeDomains().stream().anyMatch(d -> d.startsWith(vm + " ")), when);
        } else {
            assertEquals(PowerState.PAUSED, s.state().powerState(), when);
            assertEquals(1, s.state().domids().size(), when);
            vbds.forEach(v -> assertTrue(v.state().plugged() && v.state().active(), when + ": " + v));
            vifs.forEach(v -> assertTrue(v.state().plugged() && v.state().active(), when + ": " + v));
            assertEquals(Optional.empty(), f.backend.vm().getDomainActionRequest(config), when + ": start completed");
        }
    }

    private void cleanUp() {
        if (x.vmStat(DBG, vm).state().powerState() != PowerState.HALTED) {
            success(x, x.vmShutdown(DBG, vm, null));
        }
    }

    @Test
    void aStartCancelledAtEachCancellationPointEndsRecognisably() {
        int points = cancelPointsOfAStart();
        assertTrue(points > 10, "a start passes many cancellation points: " + points);
        System.out.printf("[cancel] a start with 2 VBDs, 2 VIFs and a hook passes %d cancellation points%n", points);
        int cancelled = 0;
        for (int k = 1; k <= points + 1; k++) {
            String dbg = "cancel-at-" + k;
            x.debugTrigger(DBG, "set-cancel-trigger", List.of(dbg, Integer.toString(k)));
            String t = x.vmStart(dbg, vm, false);
            long t0 = System.nanoTime();
            TaskInfo info = Fixture.waitForTask(x, t, LIMIT);
            assertTrue(System.nanoTime() - t0 < LIMIT.toNanos());
            x.taskDestroy(DBG, t);
            if (info.state().status() == TaskState.Status.FAILED) {
                assertEquals(XenopsErrorCode.CANCELLED, info.state().error().code(), "point " + k);
                cancelled++;
            } else {
                assertEquals(points + 1, k, "only a point past the last one lets the start complete");
            }
            assertRecognisable("cancelled at point " + k + " of " + points);
            cleanUp();
        }
        assertEquals(points, cancelled);
    }

    @Test
    void aStartStoppedAtEachPointAndCancelledByAClientEndsWithin30Seconds() {
        int points = cancelPointsOfAStart();
        for (int k = 1; k <= points; k++) {
            String dbg = "pause-at-" + k;
            x.debugTrigger(DBG, "set-pause-trigger", List.of(dbg, Integer.toString(k)));
            String t = x.vmStart(dbg, vm, false);
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!x.taskStat(DBG, t).debugInfo().containsKey("paused_at")) {
                assertTrue(System.nanoTime() < deadline, "task paused at point " + k);
                x.updatesGet(DBG, null, 1);
            }
            long t0 = System.nanoTime();
            x.taskCancel(DBG, t);
            TaskInfo info = Fixture.waitForTask(x, t, LIMIT);
            assertTrue(System.nanoTime() - t0 < LIMIT.toNanos(), "ended within 30 s");
            assertEquals(TaskState.Status.FAILED, info.state().status());
            assertEquals(XenopsErrorCode.CANCELLED, info.state().error().code());
            x.taskDestroy(DBG, t);
            assertRecognisable("cancelled by the client at point " + k);
            cleanUp();
        }
    }

    @Test
    void cancellingKillsARunningHookScript() throws Exception {
        Path pids = dir.resolve("pids");
        f.hook("vm-pre-start", "20slow", "echo $$ > " + pids + "; sleep 120 & echo $! >> " + pids + "; wait", true);
        String t = x.vmStart(DBG, vm, false);
        Awaitility.await("the hook script started").atMost(LIMIT).pollInterval(Duration.ofMillis(10))
                .until(() -> Files.exists(pids) && Files.readAllLines(pids).size() >= 2);
        List<Long> running = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        long t0 = System.nanoTime();
        x.taskCancel(DBG, t);
        TaskInfo info = Fixture.waitForTask(x, t, LIMIT);
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "the script did not hold the task");
        assertEquals(XenopsErrorCode.CANCELLED, info.state().error().code());
        for (long pid : running) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isPresent()) {
                p.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " killed");
        }
        assertRecognisable("cancelled in the hook");
        assertEquals(PowerState.HALTED, x.vmStat(DBG, vm).state().powerState());
    }

    @Test
    void cancellingEndsAPendingDelay() {
        String t = x.vmDelay(DBG, vm, 600);
        assertFalse(x.taskStat(DBG, t).state().ended());
        long t0 = System.nanoTime();
        x.taskCancel(DBG, t);
        TaskInfo info = Fixture.waitForTask(x, t, LIMIT);
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
        assertEquals(XenopsErrorCode.CANCELLED, info.state().error().code());
    }

    @Test
    void cancellingEndsAWaitForAGuestThatIgnoresShutdown() {
        success(x, x.vmStart(DBG, vm, false));
        success(x, x.vmUnpause(DBG, vm));
        x.debugTrigger(DBG, "ignore-shutdown", List.of(vm));
        String t = x.vmShutdown(DBG, vm, 600.0);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!f.engine.pool().dump().toString().contains("VM_poweroff")
                || f.engine.tasks().get(t).info().debugInfo().get("cancel_points_seen").equals("0")) {
            assertTrue(System.nanoTime() < deadline);
            x.updatesGet(DBG, null, 1);
        }
        long t0 = System.nanoTime();
        x.taskCancel(DBG, t);
        TaskInfo info = Fixture.waitForTask(x, t, LIMIT);
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
        assertEquals(XenopsErrorCode.CANCELLED, info.state().error().code());
        // The guest never went down, and nothing was torn down: the VM runs on, whole.
        assertEquals(PowerState.RUNNING, x.vmStat(DBG, vm).state().powerState());
        x.vbdList(DBG, vm).forEach(v -> assertTrue(v.state().plugged()));
        success(x, x.vmShutdown(DBG, vm, null));
    }

    @Test
    void aShutdownCancelledHalfWayIsFinished() {
        success(x, x.vmStart(DBG, vm, false));
        // Past the point of no return (the domain is marked, devices going), cancelling completes the teardown.
        int total = Integer.parseInt(cancelPointsOfTheShutdown());
        for (int k = 2; k <= total; k += 3) {
            String dbg = "shutdown-" + k;
            x.debugTrigger(DBG, "set-cancel-trigger", List.of(dbg, Integer.toString(k)));
            String t = x.vmShutdown(dbg, vm, null);
            Fixture.waitForTask(x, t, LIMIT);
            x.taskDestroy(DBG, t);
            Stat<Vm, VmState> s = x.vmStat(DBG, vm);
            int point = k;
            if (s.state().powerState() != PowerState.HALTED) {
                assertEquals(Optional.empty(), f.backend.vm().getDomainActionRequest(s.config()),
                        "a VM left running was not touched: point " + k);
                x.vbdList(DBG, vm).forEach(v -> assertTrue(v.state().plugged(), "whole: point " + point));
                success(x, x.vmShutdown(DBG, vm, null));
            } else {
                assertRecognisable("shutdown cancelled at " + k);
            }
            success(x, x.vmStart(DBG, vm, false));
        }
        cleanUp();
    }

    private String cancelPointsOfTheShutdown() {
        String t = x.vmShutdown("count-shutdown", vm, null);
        TaskInfo info = Fixture.waitForTask(x, t);
        x.taskDestroy(DBG, t);
        success(x, x.vmStart(DBG, vm, false));
        return info.debugInfo().get("cancel_points_seen");
    }
}
