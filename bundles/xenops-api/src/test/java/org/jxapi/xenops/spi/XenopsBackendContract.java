package org.jxapi.xenops.spi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every xenops backend must do, as the engine relies on it. A backend module runs it by
 * extending this class and returning a fresh backend from {@link #createBackend()}; real backends
 * run it where their hypervisor exists. Each test uses VM ids of its own and destroys its domains.
 */
public abstract class XenopsBackendContract {
    protected XenopsBackend backend;
    protected final List<Vm> created = new ArrayList<>();
    private final TestTask task = new TestTask("contract");

    /** A new backend instance, with no domain for the VM ids these tests make up. */
    protected abstract XenopsBackend createBackend() throws Exception;

    /** A VM the backend can start; override for backends that need a kernel or disks. */
    protected Vm vm(String id) {
        return Vm.builder(id).name("contract " + id).build();
    }

    @BeforeEach
    void setUpBackend() throws Exception {
        backend = createBackend();
    }

    @AfterEach
    void destroyDomains() {
        for (Vm vm : created) {
            try {
                backend.vmDestroy(task, vm);
            } catch (RuntimeException e) {
                // the test may have destroyed it already
            }
        }
    }

    protected Task task() {
        return task;
    }

    protected Vm newVm() {
        Vm vm = vm(UUID.randomUUID().toString());
        backend.vmAdd(vm);
        created.add(vm);
        return vm;
    }

    protected Vm running() {
        Vm vm = newVm();
        backend.vmCreate(task, null, vm, null, false);
        backend.vmBuild(task, vm, List.of(), List.of(), List.of(), List.of(), List.of(), false);
        backend.vmCreateDeviceModel(task, vm, List.of(), List.of(), List.of(), List.of(), false);
        backend.vmSetDomainActionRequest(vm, null);
        backend.vmUnpause(task, vm);
        return vm;
    }

    private static void assertError(XenopsErrorCode code, Runnable r) {
        XenopsException e = assertThrows(XenopsException.class, r::run);
        assertEquals(code, e.errorCode(), e.getMessage());
    }

    @Test
    void aVmWithoutDomainIsHalted() {
        VmState s = backend.vmGetState(newVm());
        assertEquals(PowerState.HALTED, s.powerState());
        assertTrue(s.domids().isEmpty());
    }

    @Test
    void createMakesOnePausedDomainAndDestroyRemovesIt() {
        Vm vm = newVm();
        backend.vmCreate(task, null, vm, null, false);
        VmState s = backend.vmGetState(vm);
        assertEquals(PowerState.PAUSED, s.powerState());
        assertEquals(1, s.domids().size());
        backend.vmDestroy(task, vm);
        assertEquals(PowerState.HALTED, backend.vmGetState(vm).powerState());
        backend.vmDestroy(task, vm);
    }

    @Test
    void createTwiceIsAlreadyExists() {
        Vm vm = newVm();
        backend.vmCreate(task, null, vm, null, false);
        assertError(XenopsErrorCode.ALREADY_EXISTS, () -> backend.vmCreate(task, null, vm, null, false));
    }

    @Test
    void domainsGetDistinctDomids() {
        Vm a = newVm();
        Vm b = newVm();
        backend.vmCreate(task, null, a, null, false);
        backend.vmCreate(task, null, b, null, false);
        assertNotEquals(backend.vmGetState(a).domids(), backend.vmGetState(b).domids());
    }

    @Test
    void aDomainKeepsItsPendingRequestUntilCleared() {
        Vm vm = newVm();
        backend.vmCreate(task, null, vm, null, false);
        backend.vmSetDomainActionRequest(vm, DomainActionRequest.NEEDS_POWEROFF);
        assertEquals(DomainActionRequest.NEEDS_POWEROFF, backend.vmGetDomainActionRequest(vm).orElseThrow(),
                "a domain whose start did not complete must be recognisable");
        backend.vmBuild(task, vm, List.of(), List.of(), List.of(), List.of(), List.of(), false);
        backend.vmCreateDeviceModel(task, vm, List.of(), List.of(), List.of(), List.of(), false);
        backend.vmSetDomainActionRequest(vm, null);
        assertTrue(backend.vmGetDomainActionRequest(vm).isEmpty());
    }

    @Test
    void pausingAnUnbuiltDomainIsDomainNotBuilt() {
        Vm vm = newVm();
        backend.vmCreate(task, null, vm, null, false);
        assertError(XenopsErrorCode.DOMAIN_NOT_BUILT, () -> backend.vmPause(task, vm));
    }

    @Test
    void aBuiltDomainRunsAndPauses() {
        Vm vm = running();
        assertEquals(PowerState.RUNNING, backend.vmGetState(vm).powerState());
        backend.vmPause(task, vm);
        assertEquals(PowerState.PAUSED, backend.vmGetState(vm).powerState());
        backend.vmUnpause(task, vm);
        assertEquals(PowerState.RUNNING, backend.vmGetState(vm).powerState());
    }

    @Test
    void vcpusChangeOnARunningDomain() {
        Vm vm = running();
        backend.vmSetVcpus(task, vm, 1);
        assertEquals(1, backend.vmGetState(vm).vcpuTarget());
    }

    @Test
    void operationsOnAMissingDomainAreDoesNotExist() {
        Vm vm = newVm();
        assertError(XenopsErrorCode.DOES_NOT_EXIST,
                () -> backend.vmBuild(task, vm, List.of(), List.of(), List.of(), List.of(), List.of(), false));
    }

    @Test
    void disksPlugAndUnplug() {
        Vm vm = running();
        Vbd vbd = Vbd.disk(new DeviceId(vm.id(), "0"), Vbd.Mode.READ_WRITE, Disk.local("/dev/null"));
        backend.vbdSetActive(task, vm.id(), vbd, true);
        backend.vbdAttach(task, vm.id(), vbd);
        backend.vbdActivate(task, vm.id(), vbd);
        assertTrue(backend.vbdGetState(vm.id(), vbd).plugged());
        assertTrue(backend.vbdGetState(vm.id(), vbd).active());
        backend.vbdUnplug(task, vm.id(), vbd, false);
        backend.vbdSetActive(task, vm.id(), vbd, false);
        assertFalse(backend.vbdGetState(vm.id(), vbd).plugged());
        assertFalse(backend.vbdGetState(vm.id(), vbd).active());
    }

    @Test
    void nicsPlugAndUnplug() {
        Vm vm = running();
        Vif vif = Vif.of(new DeviceId(vm.id(), "0"), 0, "c0:ff:ee:c0:ff:ee", "xenbr0");
        backend.vifPlug(task, vm.id(), vif);
        assertTrue(backend.vifGetState(vm.id(), vif).plugged());
        backend.vifUnplug(task, vm.id(), vif, false);
        assertFalse(backend.vifGetState(vm.id(), vif).plugged());
    }

    @Test
    void devicesOfAVmWithoutDomainAreUnplugged() {
        Vm vm = newVm();
        Vbd vbd = Vbd.disk(new DeviceId(vm.id(), "0"), Vbd.Mode.READ_WRITE, null);
        assertFalse(backend.vbdGetState(vm.id(), vbd).plugged());
        // Shutting down unplugs every device it knows of, plugged or not.
        backend.vbdUnplug(task, vm.id(), vbd, true);
    }

    @Test
    void aCleanShutdownIsAcknowledgedAndSignalled() throws Exception {
        Vm vm = running();
        List<DynamicId> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        UpdateSink sink = seen::add;
        backend.updatesSubscribe(sink);
        try {
            assertTrue(backend.vmRequestShutdown(task, vm, ShutdownRequest.POWEROFF, 30));
            assertTrue(backend.vmWaitShutdown(task, vm, ShutdownRequest.POWEROFF, 60));
            assertTrue(backend.vmGetDomainActionRequest(vm).isPresent());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!seen.contains(DynamicId.vm(vm.id())) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(seen.contains(DynamicId.vm(vm.id())), "subscribers hear that the VM needs attention");
        } finally {
            backend.updatesUnsubscribe(sink);
        }
    }

    @Test
    void xsdataIsReported() {
        Vm vm = running();
        backend.vmSetXsdata(task, vm, Map.of("vm-data/k", "v"));
        assertEquals("v", backend.vmGetState(vm).xsdataState().get("vm-data/k"));
    }
}
