package org.jxapi.xenops.spi;

import java.util.Optional;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.XenopsException;
import org.osgi.annotation.versioning.ConsumerType;

/** The original's {@code module VBD}: a VM's block devices. */
@ConsumerType
public interface VbdBackend {
    default void setActive(Task task, String vm, Vbd vbd, boolean active) {
    }

    default void epochBegin(Task task, String vm, Disk disk, boolean persistent) {
    }

    default void epochEnd(Task task, String vm, Disk disk) {
    }

    default void attach(Task task, String vm, Vbd vbd) {
        throw XenopsException.unimplemented("VBD.attach");
    }

    default void activate(Task task, String vm, Vbd vbd) {
        throw XenopsException.unimplemented("VBD.activate");
    }

    default void unplug(Task task, String vm, Vbd vbd, boolean force) {
        throw XenopsException.unimplemented("VBD.unplug");
    }

    default void deactivate(Task task, String vm, Vbd vbd, boolean force) {
        throw XenopsException.unimplemented("VBD.deactivate");
    }

    default void detach(Task task, String vm, Vbd vbd) {
        throw XenopsException.unimplemented("VBD.detach");
    }

    default void insert(Task task, String vm, Vbd vbd, Disk disk) {
        throw XenopsException.unimplemented("VBD.insert");
    }

    default void eject(Task task, String vm, Vbd vbd) {
        throw XenopsException.unimplemented("VBD.eject");
    }

    default void setQos(Task task, String vm, Vbd vbd) {
    }

    default VbdState getState(String vm, Vbd vbd) {
        return VbdState.unplugged();
    }

    default Optional<DeviceActionRequest> getDeviceActionRequest(String vm, Vbd vbd) {
        return Optional.empty();
    }
}
