package org.jxapi.networkd.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole configuration of one bridge, as the original's {@code bridge_config_t}: its ports by
 * name, the VLAN it is a fake bridge of (null for none), its MAC (null: chosen by the backend), IGMP
 * snooping (null: the backend's default) and {@code other_config} (e.g. {@code vswitch-controller-fail-mode},
 * {@code network-uuids}). Port order is kept.
 */
public record BridgeConfig(Map<String, PortConfig> ports, Vlan vlan, String bridgeMac, Boolean igmpSnooping,
        Map<String, String> otherConfig, boolean persistent) {
    public static final BridgeConfig DEFAULT = new BridgeConfig(Map.of(), null, null, null, Map.of(), false);

    public BridgeConfig {
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        otherConfig = otherConfig == null ? Map.of() : Map.copyOf(otherConfig);
    }

    public BridgeConfig withPersistent(boolean p) {
        return new BridgeConfig(ports, vlan, bridgeMac, igmpSnooping, otherConfig, p);
    }
}
