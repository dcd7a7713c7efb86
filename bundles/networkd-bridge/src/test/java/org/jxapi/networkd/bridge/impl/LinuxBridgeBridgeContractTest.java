package org.jxapi.networkd.bridge.impl;

import java.util.List;

import org.jxapi.networkd.spi.BridgeContract;
import org.jxapi.networkd.spi.NetworkBackend;

/** networkd-api's BridgeContract against the bridge backend in a namespace the test makes. */
class LinuxBridgeBridgeContractTest extends BridgeContract {
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

    /** This kernel has neither 8021q nor bonding; a kernel that has them runs the full tests. */
    @Override
    protected boolean supportsVlans() {
        return new KernelFeatures(rig.backend.interfacesIp()).vlan();
    }

    @Override
    protected boolean supportsBonds() {
        return new KernelFeatures(rig.backend.interfacesIp()).bonding();
    }
}
