package org.jxapi.networkd.simulator.impl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.spi.BridgeState;

/** One simulated bridge; its own device is the {@link Device} of the same name. Only touched under the lock. */
final class SimBridge {
    final String name;
    Vlan vlan;
    Boolean igmpSnooping;
    Map<String, String> otherConfig = Map.of();
    final Map<String, PortConfig> ports = new LinkedHashMap<>();
    final Map<String, VifPort> guests = new LinkedHashMap<>();

    SimBridge(String name) {
        this.name = name;
    }

    BridgeState state(String mac) {
        return new BridgeState(name, vlan, mac, igmpSnooping, otherConfig, ports);
    }
}
