package org.jxapi.networkd.bridge.impl;

import java.util.List;

import org.jxapi.networkd.spi.VifContract;
import org.jxapi.networkd.spi.NetworkBackend;

/** networkd-api's VifContract against the bridge backend in a namespace the test makes. */
class LinuxBridgeVifContractTest extends VifContract {
    private ContractRig rig;

    @Override
    protected NetworkBackend createBackend() throws Exception {
        rig = new ContractRig();
        return rig.backend;
    }

    @Override
    protected List<String> spareInterfaces() {
        return ContractRig.SPARES;
    }

    @Override
    protected void closeBackend(NetworkBackend b) throws Exception {
        rig.close();
    }

    @Override
    protected void createGuestDevice(String name) {
        rig.ns.exec("ip", "tuntap", "add", "dev", name, "mode", "tap");
    }

    @Override
    protected void removeGuestDevice(String name) {
        rig.ns.run("ip", "link", "del", "dev", name);
    }
}
