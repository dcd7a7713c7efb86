package org.jxapi.xenops.api;

/** Whether a PCI device is plugged into its VM. */
public record PciState(boolean plugged) {
    public static PciState unplugged() {
        return new PciState(false);
    }
}
