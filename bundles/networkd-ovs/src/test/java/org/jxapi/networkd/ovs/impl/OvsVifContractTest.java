package org.jxapi.networkd.ovs.impl;

import java.util.List;

import org.jxapi.networkd.spi.NetworkBackend;
import org.jxapi.networkd.spi.VifContract;

/** Guests' devices are taps made in the switch's namespace, as qemu makes them before networkd plugs them. */
class OvsVifContractTest extends VifContract {
    @Override
    protected NetworkBackend createBackend() {
        return OvsContracts.backend();
    }

    @Override
    protected List<String> spareInterfaces() {
        return OvsContracts.SPARES;
    }

    @Override
    protected void createGuestDevice(String name) {
        OvsContracts.ovs().ip("tuntap", "add", "dev", name, "mode", "tap");
    }

    @Override
    protected void removeGuestDevice(String name) {
        Sh.run("ip", "-n", OvsContracts.ovs().netns, "link", "del", name);
    }
}
