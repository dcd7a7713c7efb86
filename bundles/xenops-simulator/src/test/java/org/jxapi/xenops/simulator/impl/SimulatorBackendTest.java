package org.jxapi.xenops.simulator.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.ShutdownRequest;
import org.jxapi.xenops.spi.TestTask;
import org.jxapi.xenops.spi.XenopsBackend;
import org.jxapi.xenops.spi.XenopsBackendContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

class SimulatorBackendTest extends XenopsBackendContract {
    @TempDir
    Path dir;

    @Override
    protected XenopsBackend createBackend() {
        return new SimulatorBackend(dir.resolve("domains"));
    }

    private SimulatorBackend sim() {
        return (SimulatorBackend) backend;
    }

    @Test
    void theDomainTableSurvivesARestart() {
        Vm vm = newVm();
        backend.vm().create(new TestTask("t"), null, vm, null, false);
        backend.vm().setDomainActionRequest(vm, DomainActionRequest.NEEDS_POWEROFF);
        int domid = backend.vm().getState(vm).domids().get(0);
        SimulatorBackend again = new SimulatorBackend(dir.resolve("domains"));
        assertEquals(List.of(domid), again.vm().getState(vm).domids());
        assertEquals(DomainActionRequest.NEEDS_POWEROFF, again.vm().getDomainActionRequest(vm).orElseThrow());
        Vm other = newVm();
        again.vm().create(new TestTask("t"), null, other, null, false);
        assertTrue(again.vm().getState(other).domids().get(0) > domid, "domids are not reused after a restart");
    }

    @Test
    void configurationChoosesPersistence() {
        SimulatorConfig c = Converters.standardConverter()
                .convert(Map.of("persist", false)).to(SimulatorConfig.class);
        SimulatorBackend inMemory = new SimulatorBackend(c);
        Vm vm = newVm();
        inMemory.vm().create(new TestTask("t"), null, vm, null, false);
        assertEquals(PowerState.PAUSED, inMemory.vm().getState(vm).powerState());
        inMemory.vm().destroy(new TestTask("t"), vm);
    }

    @Test
    void theGuestCanAskForAReboot() {
        Vm vm = running();
        backend.debug().trigger("reboot", List.of(vm.id()));
        assertEquals(DomainActionRequest.NEEDS_REBOOT, backend.vm().getDomainActionRequest(vm).orElseThrow());
        backend.debug().trigger("crash", List.of(vm.id()));
        assertEquals(DomainActionRequest.NEEDS_CRASHDUMP, backend.vm().getDomainActionRequest(vm).orElseThrow());
    }

    @Test
    void aGuestIgnoringShutdownKeepsTheWaitUntilCancelled() throws Exception {
        Vm vm = running();
        backend.debug().trigger("ignore-shutdown", List.of(vm.id()));
        TestTask t = new TestTask("wait");
        assertTrue(backend.vm().requestShutdown(t, vm, ShutdownRequest.POWEROFF, 1));
        assertFalse(backend.vm().waitShutdown(t, vm, ShutdownRequest.POWEROFF, 0.2), "times out");
        // Cancels once this thread is blocked in the wait, not after a guessed delay.
        Thread waiter = Thread.currentThread();
        Thread canceller = new Thread(() -> {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
            t.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();
        XenopsException e = assertThrows(XenopsException.class,
                () -> backend.vm().waitShutdown(t, vm, ShutdownRequest.POWEROFF, 60));
        assertEquals(XenopsErrorCode.CANCELLED, e.errorCode());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
        canceller.join();
    }

    @Test
    void vbdPositionsAreAssignedAndClashesRefused() {
        Vm vm = running();
        TestTask t = new TestTask("t");
        Vbd a = Vbd.disk(new DeviceId(vm.id(), "a"), Vbd.Mode.READ_WRITE, Disk.local("/dev/zero"));
        Vbd b = Vbd.disk(new DeviceId(vm.id(), "b"), Vbd.Mode.READ_ONLY, Disk.local("/dev/zero"));
        backend.vbd().attach(t, vm.id(), a);
        backend.vbd().attach(t, vm.id(), b);
        backend.debug().trigger("check-vbd-plug-ordering", List.of(vm.id()));
        Vbd c = Vbd.disk(new DeviceId(vm.id(), "c"), Vbd.Mode.READ_WRITE, null)
                .withPosition(org.jxapi.xenops.api.DeviceNumber.ofDiskNumber(true, 0));
        XenopsException e = assertThrows(XenopsException.class, () -> backend.vbd().attach(t, vm.id(), c));
        assertEquals(XenopsErrorCode.ALREADY_EXISTS, e.errorCode());
        backend.vbd().attach(t, vm.id(), Vbd.disk(new DeviceId(vm.id(), "d"), Vbd.Mode.READ_WRITE, null));
        e = assertThrows(XenopsException.class, () -> backend.debug().trigger("check-vbd-plug-ordering", List.of(vm.id())));
        assertEquals(XenopsErrorCode.INTERNAL_ERROR, e.errorCode());
    }

    @Test
    void suspendedDomainsSurviveDestroyAndResume() {
        Vm vm = running();
        TestTask t = new TestTask("t");
        backend.vm().save(t, x -> { }, vm, Disk.local("/tmp/image"), null);
        backend.vm().destroy(t, vm);
        assertEquals(PowerState.SUSPENDED, backend.vm().getState(vm).powerState());
        backend.vm().create(t, null, vm, null, false);
        backend.vm().restore(t, x -> { }, vm, List.of(), List.of(), Disk.local("/tmp/image"), null, List.of());
        assertEquals(PowerState.PAUSED, backend.vm().getState(vm).powerState());
    }

    @Test
    void aForeignDomainCanBeMade() throws Exception {
        backend.debug().trigger("create-domain", List.of("foreign"));
        assertTrue(sim().describeDomains().stream().anyMatch(s -> s.startsWith("foreign ")));
        assertTrue(Files.exists(dir.resolve("domains/foreign.json")));
        backend.vm().destroy(new TestTask("t"), Vm.builder("foreign").build());
        assertTrue(sim().awaitNoDomain("foreign", Duration.ofSeconds(1)));
    }
}
