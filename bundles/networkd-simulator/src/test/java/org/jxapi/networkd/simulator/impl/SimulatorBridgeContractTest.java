package org.jxapi.networkd.simulator.impl;

import java.util.List;

import org.jxapi.networkd.spi.BridgeContract;
import org.jxapi.networkd.spi.NetworkBackend;

class SimulatorBridgeContractTest extends BridgeContract {
    @Override
    protected NetworkBackend createBackend() {
        return SimulatorBackend.create();
    }

    @Override
    protected List<String> spareInterfaces() {
        return List.of("sim0", "sim1");
    }
}
