package org.jxapi.networkd.impl;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.spi.BridgeState;

/**
 * Brings bridges to their whole configuration, changing only what differs from what the backend
 * reports: the bridge itself (VLAN, MAC, IGMP snooping, other_config), then each configured port
 * (plain, bond or tunnel). Parents come before their VLAN bridges. As in the original, ports the
 * configuration does not name are left alone: make_config adds and corrects, it never removes.
 */
final class BridgeConfigurator {
    private final GuardedBackend.Bridges bridges;

    BridgeConfigurator(GuardedBackend backend) {
        this.bridges = backend.bridges;
    }

    void apply(String name, BridgeConfig want) {
        BridgeState have = bridges.state(name);
        if (!bridgeMatches(have, want)) {
            bridges.create(name, want.vlan(), want.bridgeMac(), want.igmpSnooping(), want.otherConfig());
        }
        for (Map.Entry<String, PortConfig> port : want.ports().entrySet()) {
            PortConfig current = have == null ? null : have.ports().get(port.getKey());
            if (!portMatches(current, port.getValue())) {
                bridges.addPort(name, port.getKey(), port.getValue());
            }
        }
    }

    /** The bridges in the order they can be made: those without a VLAN first, then the VLAN bridges. */
    static Map<String, BridgeConfig> parentsFirst(Map<String, BridgeConfig> config) {
        Map<String, BridgeConfig> ordered = new LinkedHashMap<>();
        config.forEach((n, c) -> {
            if (c.vlan() == null) {
                ordered.put(n, c);
            }
        });
        config.forEach((n, c) -> {
            if (c.vlan() != null) {
                ordered.put(n, c);
            }
        });
        return ordered;
    }

    /**
     * What a conservative make_config (the start-up replay) applies: the persistent bridges and the
     * parents their VLANs need, from {@code config} or else from what is remembered.
     */
    static Map<String, BridgeConfig> persistentAndTheirParents(Map<String, BridgeConfig> config,
            Map<String, BridgeConfig> remembered) {
        Map<String, BridgeConfig> selected = new LinkedHashMap<>();
        config.forEach((n, c) -> {
            if (c.persistent()) {
                if (c.vlan() != null && !selected.containsKey(c.vlan().parent())) {
                    BridgeConfig parent = config.getOrDefault(c.vlan().parent(), remembered.get(c.vlan().parent()));
                    if (parent != null) {
                        selected.put(c.vlan().parent(), parent);
                    }
                }
                selected.put(n, c);
            }
        });
        return parentsFirst(selected);
    }

    static boolean bridgeMatches(BridgeState have, BridgeConfig want) {
        return have != null && Objects.equals(have.vlan(), want.vlan())
                && (want.bridgeMac() == null || want.bridgeMac().equalsIgnoreCase(have.mac()))
                && (want.igmpSnooping() == null || want.igmpSnooping().equals(have.igmpSnooping()))
                && have.otherConfig().equals(want.otherConfig());
    }

    static boolean portMatches(PortConfig have, PortConfig want) {
        return have != null && new HashSet<>(have.interfaces()).equals(new HashSet<>(want.interfaces()))
                && have.bondProperties().equals(want.bondProperties())
                && (want.bondMac() == null || want.bondMac().equalsIgnoreCase(have.bondMac()))
                && Objects.equals(have.tunnel(), want.tunnel());
    }
}
