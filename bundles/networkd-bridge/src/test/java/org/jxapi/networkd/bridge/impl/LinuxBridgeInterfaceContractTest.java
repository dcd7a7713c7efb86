package org.jxapi.networkd.bridge.impl;

import java.util.List;

import org.jxapi.networkd.spi.InterfaceContract;
import org.jxapi.networkd.spi.NetworkBackend;

/** networkd-api's InterfaceContract against the bridge backend in a namespace the test makes. */
class LinuxBridgeInterfaceContractTest extends InterfaceContract {
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
}
