package org.jxapi.xenops.simulator.impl;

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
        backend.vmCreate(new TestTask("t"), null, vm, null, false);
        backend.vmSetDomainActionRequest(vm, DomainActionRequest.NEEDS_POWEROFF);
        int domid = backend.vmGetState(vm).domids().get(0);
        SimulatorBackend again = new SimulatorBackend(dir.resolve("domains"));
        assertEquals(List.of(domid), again.vmGetState(vm).domids());
        assertEquals(DomainActionRequest.NEEDS_POWEROFF, again.vmGetDomainActionRequest(vm).orElseThrow());
        Vm other = newVm();
        again.vmCreate(new TestTask("t"), null, other, null, false);
        assertTrue(again.vmGetState(other).domids().get(0) > domid, "domids are not reused after a restart");
    }

    @Test
    void configurationChoosesPersistence() {
        SimulatorConfig c = Converters.standardConverter()
                .convert(Map.of("persist", false)).to(SimulatorConfig.class);
        SimulatorBackend inMemory = new SimulatorBackend(c);
        Vm vm = newVm();
        inMemory.vmCreate(new TestTask("t"), null, vm, null, false);
        assertEquals(PowerState.PAUSED, inMemory.vmGetState(vm).powerState());
        inMemory.vmDestroy(new TestTask("t"), vm);
    }

    @Test
    void theGuestCanAskForAReboot() {
        Vm vm = running();
        backend.debugTrigger("reboot", List.of(vm.id()));
        assertEquals(DomainActionRequest.NEEDS_REBOOT, backend.vmGetDomainActionRequest(vm).orElseThrow());
        backend.debugTrigger("crash", List.of(vm.id()));
        assertEquals(DomainActionRequest.NEEDS_CRASHDUMP, backend.vmGetDomainActionRequest(vm).orElseThrow());
    }

    @Test
    void aGuestIgnoringShutdownKeepsTheWaitUntilCancelled() throws Exception {
        Vm vm = running();
        backend.debugTrigger("ignore-shutdown", List.of(vm.id()));
        TestTask t = new TestTask("wait");
        assertTrue(backend.vmRequestShutdown(t, vm, ShutdownRequest.POWEROFF, 1));
        assertFalse(backend.vmWaitShutdown(t, vm, ShutdownRequest.POWEROFF, 0.2), "times out");
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            t.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();
        XenopsException e = assertThrows(XenopsException.class,
                () -> backend.vmWaitShutdown(t, vm, ShutdownRequest.POWEROFF, 60));
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
        backend.vbdAttach(t, vm.id(), a);
        backend.vbdAttach(t, vm.id(), b);
        backend.debugTrigger("check-vbd-plug-ordering", List.of(vm.id()));
        Vbd c = Vbd.disk(new DeviceId(vm.id(), "c"), Vbd.Mode.READ_WRITE, null)
                .withPosition(org.jxapi.xenops.api.DeviceNumber.ofDiskNumber(true, 0));
        XenopsException e = assertThrows(XenopsException.class, () -> backend.vbdAttach(t, vm.id(), c));
        assertEquals(XenopsErrorCode.ALREADY_EXISTS, e.errorCode());
        backend.vbdAttach(t, vm.id(), Vbd.disk(new DeviceId(vm.id(), "d"), Vbd.Mode.READ_WRITE, null));
        e = assertThrows(XenopsException.class, () -> backend.debugTrigger("check-vbd-plug-ordering", List.of(vm.id())));
        assertEquals(XenopsErrorCode.INTERNAL_ERROR, e.errorCode());
    }

    @Test
    void suspendedDomainsSurviveDestroyAndResume() {
        Vm vm = running();
        TestTask t = new TestTask("t");
        backend.vmSave(t, x -> { }, vm, Disk.local("/tmp/image"), null);
        backend.vmDestroy(t, vm);
        assertEquals(PowerState.SUSPENDED, backend.vmGetState(vm).powerState());
        backend.vmCreate(t, null, vm, null, false);
        backend.vmRestore(t, x -> { }, vm, List.of(), List.of(), Disk.local("/tmp/image"), null, List.of());
        assertEquals(PowerState.PAUSED, backend.vmGetState(vm).powerState());
    }

    @Test
    void aForeignDomainCanBeMade() throws Exception {
        backend.debugTrigger("create-domain", List.of("foreign"));
        assertTrue(sim().describeDomains().stream().anyMatch(s -> s.startsWith("foreign ")));
        assertTrue(Files.exists(dir.resolve("domains/foreign.json")));
        backend.vmDestroy(new TestTask("t"), Vm.builder("foreign").build());
        assertTrue(sim().awaitNoDomain("foreign", Duration.ofSeconds(1)));
    }
}
