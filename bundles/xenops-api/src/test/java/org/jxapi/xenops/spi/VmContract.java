package org.jxapi.xenops.spi;

import static org.junit.jupiter.api.Assertions.*;
import static org.jxapi.xenops.spi.BackendContract.assertError;

import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.junit.jupiter.api.Test;

/** What a backend's {@link VmBackend} must do, as the engine relies on it. */
public interface VmContract extends BackendContract {
    private VmBackend vms() {
        return backend().vm();
    }

    @Test
    default void aVmWithoutDomainIsHalted() {
        VmState s = vms().getState(newVm());
        assertEquals(PowerState.HALTED, s.powerState());
        assertTrue(s.domids().isEmpty());
    }

    @Test
    default void createMakesOnePausedDomainAndDestroyRemovesIt() {
        Vm vm = newVm();
        vms().create(task(), null, vm, null, false);
        VmState s = vms().getState(vm);
        assertEquals(PowerState.PAUSED, s.powerState());
        assertEquals(1, s.domids().size());
        vms().destroy(task(), vm);
        assertEquals(PowerState.HALTED, vms().getState(vm).powerState());
        vms().destroy(task(), vm);
    }

    @Test
    default void createTwiceIsAlreadyExists() {
        Vm vm = newVm();
        vms().create(task(), null, vm, null, false);
        assertError(XenopsErrorCode.ALREADY_EXISTS, () -> vms().create(task(), null, vm, null, false));
    }

    @Test
    default void domainsGetDistinctDomids() {
        Vm a = newVm();
        Vm b = newVm();
        vms().create(task(), null, a, null, false);
        vms().create(task(), null, b, null, false);
        assertNotEquals(vms().getState(a).domids(), vms().getState(b).domids());
    }

    @Test
    default void aDomainKeepsItsPendingRequestUntilCleared() {
        Vm vm = newVm();
        vms().create(task(), null, vm, null, false);
        vms().setDomainActionRequest(vm, DomainActionRequest.NEEDS_POWEROFF);
        assertEquals(DomainActionRequest.NEEDS_POWEROFF, vms().getDomainActionRequest(vm).orElseThrow(),
                "a domain whose start did not complete must be recognisable");
        vms().build(task(), vm, List.of(), List.of(), List.of(), List.of(), List.of(), false);
        vms().createDeviceModel(task(), vm, List.of(), List.of(), List.of(), List.of(), false);
        vms().setDomainActionRequest(vm, null);
        assertTrue(vms().getDomainActionRequest(vm).isEmpty());
    }

    @Test
    default void pausingAnUnbuiltDomainIsDomainNotBuilt() {
        Vm vm = newVm();
        vms().create(task(), null, vm, null, false);
        assertError(XenopsErrorCode.DOMAIN_NOT_BUILT, () -> vms().pause(task(), vm));
    }

    @Test
    default void aBuiltDomainRunsAndPauses() {
        Vm vm = running();
        assertEquals(PowerState.RUNNING, vms().getState(vm).powerState());
        vms().pause(task(), vm);
        assertEquals(PowerState.PAUSED, vms().getState(vm).powerState());
        vms().unpause(task(), vm);
        assertEquals(PowerState.RUNNING, vms().getState(vm).powerState());
    }

    @Test
    default void vcpusChangeOnARunningDomain() {
        Vm vm = running();
        vms().setVcpus(task(), vm, 1);
        assertEquals(1, vms().getState(vm).vcpuTarget());
    }

    @Test
    default void operationsOnAMissingDomainAreDoesNotExist() {
        Vm vm = newVm();
        assertError(XenopsErrorCode.DOES_NOT_EXIST,
                () -> vms().build(task(), vm, List.of(), List.of(), List.of(), List.of(), List.of(), false));
    }

    @Test
    default void xsdataIsReported() {
        Vm vm = running();
        vms().setXsdata(task(), vm, Map.of("vm-data/k", "v"));
        assertEquals("v", vms().getState(vm).xsdataState().get("vm-data/k"));
    }
}
