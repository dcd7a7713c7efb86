package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.jxapi.xenops.server.impl.Fixture.success;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hook scripts: which run, in what order, with what arguments, and what their exit codes mean. */
class HooksTest {
    @TempDir
    Path dir;
    Fixture f;
    Path log;
    String vm;

    @BeforeEach
    void setUp() {
        f = new Fixture(dir);
        log = dir.resolve("hooks.log");
        vm = f.service.vmAdd(DBG, Vm.builder("3d0b3f4e-1c4f-4b7a-9d3e-0a1b2c3d4e5f").build());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String logging(String name) {
        return "echo \"" + name + " $*\" >> " + log;
    }

    @Test
    void executablesRunInNameOrderWithTheirArgumentsAndOthersDoNot() throws Exception {
        f.hook("vm-pre-start", "20b", logging("20b"), true);
        f.hook("vm-pre-start", "10a", logging("10a"), true);
        f.hook("vm-pre-start", "05c", logging("05c"), false);
        success(f.service, f.service.vmStart(DBG, vm, false));
        assertEquals(List.of("10a -vmuuid " + vm + " -reason none", "20b -vmuuid " + vm + " -reason none"),
                Files.readAllLines(log));
        success(f.service, f.service.vmShutdown(DBG, vm, null));
    }

    @Test
    void eachOperationRunsItsHookPointsWithItsReason() throws Exception {
        for (String hook : List.of("vm-pre-start", "vm-pre-shutdown", "vm-post-destroy", "vm-pre-reboot",
                "vm-pre-suspend", "vm-pre-resume", "vm-post-resume")) {
            f.hook(hook, "10log", logging(hook), true);
        }
        success(f.service, f.service.vmStart(DBG, vm, false));
        success(f.service, f.service.vmReboot(DBG, vm, null));
        success(f.service, f.service.vmSuspend(DBG, vm, org.jxapi.xenops.api.Disk.local("/tmp/image")));
        success(f.service, f.service.vmResume(DBG, vm, org.jxapi.xenops.api.Disk.local("/tmp/image")));
        success(f.service, f.service.vmShutdown(DBG, vm, 10.0));
        success(f.service, f.service.vmStart(DBG, vm, false));
        success(f.service, f.service.vmShutdown(DBG, vm, null));
        String a = " -vmuuid " + vm + " -reason ";
        assertEquals(List.of(
                "vm-pre-start" + a + "none",
                "vm-pre-shutdown" + a + "hard-reboot",
                "vm-post-destroy" + a + "hard-reboot",
                "vm-pre-reboot" + a + "none",
                "vm-pre-start" + a + "none",
                "vm-pre-suspend" + a + "suspend",
                "vm-pre-shutdown" + a + "suspend",
                "vm-post-destroy" + a + "suspend",
                "vm-pre-resume" + a + "none",
                "vm-post-resume" + a + "none",
                "vm-pre-shutdown" + a + "clean-shutdown",
                "vm-post-destroy" + a + "clean-shutdown",
                "vm-pre-start" + a + "none",
                "vm-pre-shutdown" + a + "hard-shutdown",
                "vm-post-destroy" + a + "hard-shutdown"), Files.readAllLines(log));
    }

    @Test
    void exitCodeOneIsLoggedAndTheOperationGoesOn() throws Exception {
        f.hook("vm-pre-start", "10warn", logging("10warn") + "; exit 1", true);
        f.hook("vm-pre-start", "20next", logging("20next"), true);
        success(f.service, f.service.vmStart(DBG, vm, false));
        assertEquals(2, Files.readAllLines(log).size(), "the script after it still ran");
        success(f.service, f.service.vmShutdown(DBG, vm, null));
    }

    @Test
    void anyOtherExitCodeFailsTheOperationWithHookFailed() throws Exception {
        f.hook("vm-pre-start", "10fail", "echo refused; exit 3", true);
        f.hook("vm-pre-start", "20never", logging("20never"), true);
        String t = f.service.vmStart(DBG, vm, false);
        TaskInfo info = Fixture.waitForTask(f.service, t);
        assertEquals(TaskState.Status.FAILED, info.state().status());
        assertEquals(XenopsErrorCode.HOOK_FAILED, info.state().error().code());
        assertEquals(List.of("vm-pre-start/10fail", "none", "refused\n", "3"), info.state().error().params());
        assertFalse(Files.exists(log), "no script after the failed one ran");
        assertEquals(PowerState.HALTED, f.service.vmStat(DBG, vm).state().powerState());
    }

    /** A hook service that appends what it saw to the same log as the scripts. */
    private org.jxapi.xenops.hooks.LifecycleHook loggingService(String name) {
        return inv -> {
            try {
                Files.writeString(log, "service:" + name + " " + inv.point() + " " + inv.vmUuid() + " " + inv.reason()
                        + " " + inv.queue() + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static java.util.Map<String, Object> props(String points, String name, long id) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put(org.jxapi.xenops.hooks.LifecycleHook.POINTS, points);
        if (name != null) {
            p.put(org.jxapi.xenops.hooks.LifecycleHook.NAME, name);
        }
        p.put("service.id", id);
        return p;
    }

    @Test
    void servicesRunAmongTheScriptsInNameOrder() throws Exception {
        f.hook("vm-pre-start", "10a", logging("10a"), true);
        f.hook("vm-pre-start", "50m", logging("50m"), true);
        f.hook("vm-pre-start", "90z", logging("90z"), true);
        f.hookServices.add(loggingService("unnamed"), props("vm-pre-start", null, 7));
        f.hookServices.add(loggingService("50m"), props("vm-pre-start", "50m", 8));
        f.hookServices.add(loggingService("20b"), props("*", "20b", 9));
        f.hookServices.add(loggingService("other"), props("vm-post-destroy", "00", 10));
        assertEquals(List.of("10a", "service:20b", "50m", "service:50m", "90z", "service:#7"),
                f.engine.hooks().order(Hook.VM_PRE_START));
        success(f.service, f.service.vmStart(DBG, vm, false));
        String q = "org.xen.xapi.xenops.test";
        assertEquals(List.of("10a -vmuuid " + vm + " -reason none",
                "service:20b vm-pre-start " + vm + " none " + q,
                "50m -vmuuid " + vm + " -reason none",
                "service:50m vm-pre-start " + vm + " none " + q,
                "90z -vmuuid " + vm + " -reason none",
                "service:unnamed vm-pre-start " + vm + " none " + q), Files.readAllLines(log));
    }

    @Test
    void aRefusingServiceStopsThePreHookAndTheOperation() throws Exception {
        f.hookServices.add(inv -> {
            throw new org.jxapi.xenops.hooks.HookRefusal("VM " + inv.vmUuid() + " is frozen");
        }, props("vm-pre-start", "10frozen", 1));
        f.hook("vm-pre-start", "20never", logging("20never"), true);
        String t = f.service.vmStart(DBG, vm, false);
        TaskInfo info = Fixture.waitForTask(f.service, t);
        assertEquals(TaskState.Status.FAILED, info.state().status());
        assertEquals(List.of("vm-pre-start/10frozen", "none", "VM " + vm + " is frozen", Hooks.REFUSED),
                info.state().error().params());
        assertFalse(Files.exists(log), "nothing after the refusal ran");
        assertEquals(PowerState.HALTED, f.service.vmStat(DBG, vm).state().powerState());
    }

    @Test
    void aServiceThatBreaksIsLoggedAndTheOperationGoesOn() throws Exception {
        org.jxapi.xenops.hooks.LifecycleHook broken = inv -> {
            throw new IllegalStateException("bug in a hook");
        };
        f.hookServices.add(broken, props("vm-pre-start", "10broken", 1));
        f.hook("vm-pre-start", "20next", logging("20next"), true);
        success(f.service, f.service.vmStart(DBG, vm, false));
        assertEquals(1, Files.readAllLines(log).size(), "the script after it still ran");
        f.hookServices.remove(broken);
        assertEquals(List.of("20next"), f.engine.hooks().order(Hook.VM_PRE_START));
        success(f.service, f.service.vmShutdown(DBG, vm, null));
    }

    @Test
    void aMissingHooksRootRunsNothing() {
        success(f.service, f.service.vmStart(DBG, vm, false));
        success(f.service, f.service.vmShutdown(DBG, vm, null));
        assertFalse(Files.exists(dir.resolve("hooks")));
    }
}
