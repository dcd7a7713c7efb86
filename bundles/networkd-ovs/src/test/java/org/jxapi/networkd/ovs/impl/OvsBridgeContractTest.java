package org.jxapi.networkd.ovs.impl;

import java.util.List;

import org.jxapi.networkd.spi.BridgeContract;
import org.jxapi.networkd.spi.NetworkBackend;

class OvsBridgeContractTest extends BridgeContract {
    @Override
    protected NetworkBackend createBackend() {
        return OvsContracts.backend();
    }

    @Override
    protected List<String> spareInterfaces() {
        return OvsContracts.SPARES;
    }
}
