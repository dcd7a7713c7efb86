package org.jxapi.xenops.api;

import java.util.Objects;

/** A device's id: the VM it belongs to and its name within that VM ("vm.device" in logs). */
public record DeviceId(String vm, String device) {
    public DeviceId {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(device, "device");
    }

    @Override
    public String toString() {
        return vm + "." + device;
    }
}
