package org.jxapi.xenops.spi;

import static org.junit.jupiter.api.Assertions.*;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.junit.jupiter.api.Test;

/** What a backend's {@link VifBackend} must do, as the engine relies on it. */
public interface VifContract extends BackendContract {
    private VifBackend vifs() {
        return backend().vif();
    }

    @Test
    default void nicsPlugAndUnplug() {
        Vm vm = running();
        Vif vif = Vif.of(new DeviceId(vm.id(), "0"), 0, "c0:ff:ee:c0:ff:ee", "xenbr0");
        vifs().plug(task(), vm.id(), vif);
        assertTrue(vifs().getState(vm.id(), vif).plugged());
        vifs().unplug(task(), vm.id(), vif, false);
        assertFalse(vifs().getState(vm.id(), vif).plugged());
    }
}
