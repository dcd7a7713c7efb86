package org.jxapi.xenops.api;

import java.util.Objects;

/** A USB device of the host passed through to a VM. */
public record Vusb(DeviceId id, String hostbus, String hostport, String version, String path, double speed) {
    public Vusb {
        Objects.requireNonNull(id, "id");
    }

    public Vusb withId(DeviceId newId) {
        return new Vusb(newId, hostbus, hostport, version, path, speed);
    }
}
