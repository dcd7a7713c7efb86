package org.jxapi.xenops.spi;

import static org.junit.jupiter.api.Assertions.*;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vm;
import org.junit.jupiter.api.Test;

/** What a backend's {@link VbdBackend} must do, as the engine relies on it. */
public interface VbdContract extends BackendContract {
    private VbdBackend vbds() {
        return backend().vbd();
    }

    @Test
    default void disksPlugAndUnplug() {
        Vm vm = running();
        Vbd vbd = Vbd.disk(new DeviceId(vm.id(), "0"), Vbd.Mode.READ_WRITE, Disk.local("/dev/null"));
        vbds().setActive(task(), vm.id(), vbd, true);
        vbds().attach(task(), vm.id(), vbd);
        vbds().activate(task(), vm.id(), vbd);
        assertTrue(vbds().getState(vm.id(), vbd).plugged());
        assertTrue(vbds().getState(vm.id(), vbd).active());
        vbds().unplug(task(), vm.id(), vbd, false);
        vbds().setActive(task(), vm.id(), vbd, false);
        assertFalse(vbds().getState(vm.id(), vbd).plugged());
        assertFalse(vbds().getState(vm.id(), vbd).active());
    }

    @Test
    default void devicesOfAVmWithoutDomainAreUnplugged() {
        Vm vm = newVm();
        Vbd vbd = Vbd.disk(new DeviceId(vm.id(), "0"), Vbd.Mode.READ_WRITE, null);
        assertFalse(vbds().getState(vm.id(), vbd).plugged());
        // Shutting down unplugs every device it knows of, plugged or not.
        vbds().unplug(task(), vm.id(), vbd, true);
    }
}
