package org.jxapi.xenops.spi;

import static org.junit.jupiter.api.Assertions.*;
import static org.jxapi.xenops.spi.BackendContract.assertError;

import java.util.List;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.junit.jupiter.api.Test;

/** The defaults a backend gets for what it does not provide, as the original's skeleton answers. */
class SkeletonTest {
    private final Task task = new TestTask("skeleton");
    private final Vm vm = Vm.builder("v").name("v").build();
    private final Vbd vbd = Vbd.disk(new DeviceId("v", "0"), Vbd.Mode.READ_WRITE, null);

    @Test
    void aBackendThatProvidesNothingAnswersUnimplementedAndNeutralStates() {
        XenopsBackend none = new XenopsBackend() { };
        assertError(XenopsErrorCode.UNIMPLEMENTED, () -> none.vm().create(task, null, vm, null, false));
        assertError(XenopsErrorCode.UNIMPLEMENTED, () -> none.vbd().attach(task, "v", vbd));
        assertError(XenopsErrorCode.UNIMPLEMENTED, () -> none.debug().trigger("reboot", List.of("v")));
        assertEquals(PowerState.HALTED, none.vm().getState(vm).powerState());
        assertFalse(none.vbd().getState("v", vbd).plugged());
        assertTrue(none.vm().getDomainActionRequest(vm).isEmpty());
        none.updates().subscribe(id -> { });
    }

    @Test
    void aBackendProvidingOnePartKeepsTheDefaultsOfTheOthers() {
        VmBackend vms = new VmBackend() {
            @Override
            public double minimumRebootDelay() {
                return 7;
            }
        };
        XenopsBackend onlyVms = new XenopsBackend() {
            @Override
            public VmBackend vm() {
                return vms;
            }
        };
        assertEquals(7, onlyVms.vm().minimumRebootDelay());
        assertError(XenopsErrorCode.UNIMPLEMENTED, () -> onlyVms.vm().pause(task, vm));
        assertError(XenopsErrorCode.UNIMPLEMENTED, () -> onlyVms.vif().plug(task, "v", null));
        assertSame(onlyVms.vbd(), onlyVms.vbd(), "a part is asked for on every call");
    }
}
