package org.jxapi.xenops.spi;

import java.util.Optional;

import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.XenopsException;
import org.osgi.annotation.versioning.ConsumerType;

/** The original's {@code module PCI}: passed-through PCI devices of a VM's domain. */
@ConsumerType
public interface PciBackend {
    default PciState getState(String vm, Pci pci) {
        return PciState.unplugged();
    }

    default void plug(Task task, String vm, Pci pci, boolean qmpAddDevice) {
        throw XenopsException.unimplemented("PCI.plug");
    }

    default void unplug(Task task, String vm, Pci pci) {
        throw XenopsException.unimplemented("PCI.unplug");
    }

    default Optional<DeviceActionRequest> getDeviceActionRequest(String vm, Pci pci) {
        return Optional.empty();
    }

    default void dequarantine(PciAddress address) {
    }
}
