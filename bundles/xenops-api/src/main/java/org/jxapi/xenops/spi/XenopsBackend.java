package org.jxapi.xenops.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A xenops backend: the hypervisor-specific half of a xenops instance, grouped by object as the
 * original's {@code xenops_server_plugin.ml} groups by module (HOST, VM, PCI, VBD, VIF, VGPU, VUSB,
 * UPDATES, DEBUG). The engine turns every operation into a list of calls such as
 * {@code backend.vm().create(...)} and runs at most one at a time per VM; calls for different VMs
 * may run concurrently.
 *
 * <p>Each part has a default, the skeleton's: operations throw {@code Unimplemented}, queries return
 * the neutral state (a halted VM, an unplugged device), so a backend returns its own part only for
 * the objects it handles, and within a part overrides only what it can do. A part is asked for on
 * every call, so return the same object each time. Backends register as {@code @Backend("<name>")}
 * ({@code xenops.backend=<name>}).
 */
@ConsumerType
public interface XenopsBackend {
    default HostBackend host() {
        return Skeleton.HOST;
    }

    default VmBackend vm() {
        return Skeleton.VM;
    }

    default PciBackend pci() {
        return Skeleton.PCI;
    }

    default VbdBackend vbd() {
        return Skeleton.VBD;
    }

    default VifBackend vif() {
        return Skeleton.VIF;
    }

    default VgpuBackend vgpu() {
        return Skeleton.VGPU;
    }

    default VusbBackend vusb() {
        return Skeleton.VUSB;
    }

    default UpdatesBackend updates() {
        return Skeleton.UPDATES;
    }

    default DebugBackend debug() {
        return Skeleton.DEBUG;
    }
}
