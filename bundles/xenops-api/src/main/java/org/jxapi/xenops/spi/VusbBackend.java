package org.jxapi.xenops.spi;

import java.util.Optional;

import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.XenopsException;
import org.osgi.annotation.versioning.ConsumerType;

/** The original's {@code module VUSB}: USB devices passed through to a VM. */
@ConsumerType
public interface VusbBackend {
    default void plug(Task task, String vm, Vusb vusb) {
        throw XenopsException.unimplemented("VUSB.plug");
    }

    default void unplug(Task task, String vm, Vusb vusb) {
        throw XenopsException.unimplemented("VUSB.unplug");
    }

    default VusbState getState(String vm, Vusb vusb) {
        return VusbState.unplugged();
    }

    default Optional<DeviceActionRequest> getDeviceActionRequest(String vm, Vusb vusb) {
        return Optional.empty();
    }
}
