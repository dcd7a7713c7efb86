package org.jxapi.xenops.qemu.impl;

import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.spi.HostBackend;

/** The HOST part of the qemu backend: this machine's CPUs and memory, and the accelerator in use. */
final class QemuHost implements HostBackend {
    private final Hypervisor hv;

    QemuHost(Hypervisor hv) {
        this.hv = hv;
    }

    /** The accelerator in use ("kvm" or "tcg") and why. */
    String accel() {
        return hv.accel + " (" + hv.accelReason + ")";
    }

    @Override
    public Host stat() {
        return HostInfo.read(hv);
    }

    @Override
    public String getConsoleData() {
        return "jxapi qemu backend: " + accel();
    }

    @Override
    public long getTotalMemoryMib() {
        return HostInfo.totalMemoryMib();
    }
}
