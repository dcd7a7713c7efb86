package org.jxapi.xenops.spi;

/**
 * The parts a backend does not provide, as {@code xenops_server_skeleton.ml} fills them in: every
 * operation {@code Unimplemented}, every query the neutral state. Stateless, so one of each is shared.
 */
final class Skeleton {
    static final HostBackend HOST = new HostBackend() { };
    static final VmBackend VM = new VmBackend() { };
    static final PciBackend PCI = new PciBackend() { };
    static final VbdBackend VBD = new VbdBackend() { };
    static final VifBackend VIF = new VifBackend() { };
    static final VgpuBackend VGPU = new VgpuBackend() { };
    static final VusbBackend VUSB = new VusbBackend() { };
    static final UpdatesBackend UPDATES = new UpdatesBackend() { };
    static final DebugBackend DEBUG = new DebugBackend() { };

    private Skeleton() {
    }
}
