package org.jxapi.networkd.simulator.impl;

import java.util.List;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.spi.BridgeContract;
import org.jxapi.networkd.spi.NetworkBackend;

/** The bridge contract with Linux bridge semantics: VLAN and bond devices instead of fake bridges and bond ports. */
class SimulatorBridgeKindContractTest extends BridgeContract {
    @Override
    protected NetworkBackend createBackend() {
        return SimulatorBackend.create(Kind.BRIDGE, SimulatedNic.defaults());
    }

    @Override
    protected List<String> spareInterfaces() {
        return List.of("sim0", "sim1");
    }
}
