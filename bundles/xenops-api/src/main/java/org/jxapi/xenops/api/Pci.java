package org.jxapi.xenops.api;

import java.util.Objects;

/** A PCI device passed through to a VM, at a slot position. */
public record Pci(DeviceId id, int position, PciAddress address, Boolean msitranslate, Boolean powerMgmt) {
    public Pci {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }

    public Pci withId(DeviceId newId) {
        return new Pci(newId, position, address, msitranslate, powerMgmt);
    }
}
