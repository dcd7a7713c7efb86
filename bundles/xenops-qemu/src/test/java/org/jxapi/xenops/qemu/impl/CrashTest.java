package org.jxapi.xenops.qemu.impl;

import static org.jxapi.xenops.qemu.impl.Guests.DBG;
import static org.jxapi.xenops.qemu.impl.Guests.success;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmAction;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.jxapi.xenops.server.impl.QemuEngine;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest kernel panic is seen through pvpanic and answered with the VM's action after crash;
 * reboots that come too soon after a start are damped.
 */
@org.junit.jupiter.api.Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class CrashTest {
    @TempDir
    Path dir;

    @Test
    void aCrashedGuestIsKeptPausedForInspection() {
        try (EngineFixture f = new EngineFixture(dir)) {
            Vm vm = f.boot(Guests.vm("crash-pause", 1, 1).onCrash(List.of(VmAction.PAUSE)).build());
            f.x.debugTrigger(DBG, "crash", List.of(vm.id()));
            Guests.await("the crash is seen", Duration.ofSeconds(30),
                    () -> f.backend.vm().getDomainActionRequest(vm).orElse(null) == DomainActionRequest.NEEDS_CRASHDUMP);
            // Paused, and still paused a second later: the engine does not restart or destroy it.
            Awaitility.await("the crashed guest stays paused").atMost(Duration.ofSeconds(30))
                    .during(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                            assertEquals(PowerState.PAUSED, f.x.vmStat(DBG, vm.id()).state().powerState(),
                                    "preserved, paused"));
            VmState s = f.x.vmStat(DBG, vm.id()).state();
            assertEquals(PowerState.PAUSED, s.powerState(), "preserved, paused");
            assertEquals(1, s.domids().size());
            assertEquals("guest-panicked", f.domain(vm).status);
            success(f.x, f.x.vmShutdown(DBG, vm.id(), null));
            assertEquals(PowerState.HALTED, f.x.vmStat(DBG, vm.id()).state().powerState());
        }
    }

    @Test
    void aCrashIsDumpedAndACrashSoonAfterStartIsNotRestarted() throws IOException {
        try (EngineFixture f = new EngineFixture(dir)) {
            Vm vm = f.boot(Guests.vm("crash-dump", 1, 1).onCrash(List.of(VmAction.COREDUMP, VmAction.START))
                    .build());
            f.x.debugTrigger(DBG, "crash", List.of(vm.id()));
            // Within two minutes of its start a crashing VM is shut down rather than restarted.
            Guests.await("the crashed VM is halted", Duration.ofSeconds(60),
                    () -> f.x.vmStat(DBG, vm.id()).state().powerState() == PowerState.HALTED);
            Path dumps = dir.resolve("qemu").resolve("crashdumps");
            try (Stream<Path> s = Files.list(dumps)) {
                List<Path> cores = s.toList();
                assertEquals(1, cores.size(), "one crash dump");
                assertTrue(Files.size(cores.get(0)) > 64L << 20, "an ELF core of the guest's memory");
                byte[] head = Files.readAllBytes(cores.get(0)).clone();
                assertEquals('E', head[1]);
            }
        }
    }

    @Test
    void aGuestRebootingSoonAfterItsStartWaitsTheMinimumDelay() {
        QemuBackend backend = Guests.backend(dir.resolve("qemu"));
        try (EngineFixture f = new EngineFixture(dir, backend, "data", 8)) {
            Vm vm = f.boot(Guests.vm("reboot-loop"));
            double created = f.x.vmStat(DBG, vm.id()).state().lastStartTime();
            int domid = f.x.vmStat(DBG, vm.id()).state().domids().get(0);
            Guests.sh(f.backend, vm, "(sleep 0.3; reboot -f) >/dev/null 2>&1 &");
            Guests.await("the guest is rebooted", Duration.ofSeconds(60), () -> {
                VmState s = f.x.vmStat(DBG, vm.id()).state();
                return !s.domids().isEmpty() && s.domids().get(0) != domid && s.powerState() == PowerState.RUNNING;
            });
            double again = f.x.vmStat(DBG, vm.id()).state().lastStartTime();
            assertTrue(again - created >= 8, "the reboot waited for the minimum delay: " + (again - created));
            Guests.awaitMarker(f.console(vm), TestGuest.READY_MARKER, 1, Duration.ofSeconds(90));
        }
    }
}
