package org.jxapi.xenops.qemu.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jxapi.xenops.api.PvBoot;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmAction;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.jxapi.xenops.spi.TestTask;
import org.awaitility.Awaitility;

/** What the qemu tests share: the cached test guest, backends and VMs booting it, and waits. */
final class Guests {
    static final String DBG = "qemu-test";

    private Guests() {
    }

    static TestGuest.Guest guest() {
        return TestGuest.build();
    }

    /** A backend whose state lives in {@code stateDir} and which boots kernels from the test-guest cache. */
    static QemuBackend backend(Path stateDir) {
        return new QemuBackend(settings(stateDir), null);
    }

    static Settings settings(Path stateDir) {
        return Settings.defaults(stateDir, List.of(TestGuest.cacheRoot())).withMinimumRebootDelay(0);
    }

    /** A VM booting the test guest directly: 128 MiB, {@code vcpus} of {@code vcpuMax}, VNC without a framebuffer. */
    static Vm.Builder vm(String name, int vcpus, int vcpuMax) {
        return vm(UUID.randomUUID().toString(), name, vcpus, vcpuMax);
    }

    static Vm.Builder vm(String id, String name, int vcpus, int vcpuMax) {
        TestGuest.Guest g = guest();
        PvInfo pv = new PvInfo(PvInfo.Flavour.PV, new PvBoot.Direct(g.kernel().toString(), g.cmdline(),
                g.initrd().toString()), false, null, true, null, false);
        return Vm.builder(id).name(name).builderInfo(pv).vcpus(vcpus).vcpuMax(vcpuMax)
                .memoryStaticMax(128L << 20).memoryDynamicMax(128L << 20).memoryDynamicMin(64L << 20)
                .onCrash(List.of(VmAction.SHUTDOWN));
    }

    static Vm vm(String name) {
        return vm(name, 1, 2).build();
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static int count(String text, String marker) {
        int n = 0;
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits until the console log holds {@code marker} at least {@code times} times. */
    static void awaitMarker(Path log, String marker, int times, Duration limit) {
        await("console shows " + marker + " x" + times, limit, () -> count(read(log), marker) >= times,
                () -> read(log));
    }

    static void await(String what, Duration limit, BooleanSupplier c) {
        await(what, limit, c, () -> "");
    }

    static void await(String what, Duration limit, BooleanSupplier c, java.util.function.Supplier<String> context) {
        Awaitility.await(what).atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertTrue(c.getAsBoolean(), () -> what + " within " + limit + "; " + context.get()));
    }

    /** Runs a shell script in the guest through the agent, retrying while the agent is not up yet. */
    @SuppressWarnings("unchecked")
    static String sh(QemuBackend b, Vm vm, String script) {
        return Awaitility.await("the guest agent runs " + script).atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(XenopsException.class)
                .until(() -> String.valueOf(((Map<String, Object>) b.vm().runScript(new TestTask("sh"), vm, script))
                        .get("stdout")).trim(), out -> true);
    }

    static long counter(QemuBackend b, Vm vm) {
        return Long.parseLong(sh(b, vm, "cat /run/counter"));
    }

    /** Waits for a task through the update feed, destroys it, and rethrows its failure. */
    static void success(Xenops x, String task) {
        TaskInfo t = waitTask(x, task, Duration.ofMinutes(3));
        x.taskDestroy(DBG, task);
        if (t.state().status() == TaskState.Status.FAILED) {
            throw new XenopsException(t.state().error());
        }
    }

    static TaskInfo waitTask(Xenops x, String task, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Integer token = null;
        while (true) {
            TaskInfo t = x.taskStat(DBG, task);
            if (t.state().ended()) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task " + task + " did not end within " + limit + ": " + t);
            }
            Updates u = x.updatesGet(DBG, token, 5);
            token = u.lastId();
        }
    }
}
