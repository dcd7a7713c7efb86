package org.jxapi.networkd.spi;

/** The parts a backend does not provide: queries empty, changes Not_implemented. Stateless, shared. */
final class Skeleton {
    static final InterfaceBackend INTERFACES = new InterfaceBackend() { };
    static final BridgeBackend BRIDGES = new BridgeBackend() { };
    static final VifBackend VIFS = new VifBackend() { };
    static final SriovBackend SRIOV = new SriovBackend() { };

    private Skeleton() {
    }
}
