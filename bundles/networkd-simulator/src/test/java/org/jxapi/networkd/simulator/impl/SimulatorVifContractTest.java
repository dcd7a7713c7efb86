package org.jxapi.networkd.simulator.impl;

import java.util.List;

import org.jxapi.networkd.spi.NetworkBackend;
import org.jxapi.networkd.spi.VifContract;

class SimulatorVifContractTest extends VifContract {
    @Override
    protected NetworkBackend createBackend() {
        return SimulatorBackend.create();
    }

    @Override
    protected List<String> spareInterfaces() {
        return List.of("sim0", "sim1");
    }

    @Override
    protected void createGuestDevice(String name) {
        ((SimulatorBackend) backend).addGuestDevice(name);
    }

    @Override
    protected void removeGuestDevice(String name) {
        ((SimulatorBackend) backend).removeGuestDevice(name);
    }
}
