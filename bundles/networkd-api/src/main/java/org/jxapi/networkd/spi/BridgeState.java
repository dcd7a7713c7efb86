package org.jxapi.networkd.spi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Vlan;

/**
 * A bridge as the system has it now: its VLAN (a fake bridge's parent and tag, null for none), MAC,
 * IGMP snooping (null: unknown), {@code other_config}, and its ports other than guests' (VIFs) and
 * its own internal device, in the shape they were configured with.
 */
public record BridgeState(String name, Vlan vlan, String mac, Boolean igmpSnooping, Map<String, String> otherConfig,
        Map<String, PortConfig> ports) {
    public BridgeState {
        otherConfig = otherConfig == null ? Map.of() : Map.copyOf(otherConfig);
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }
}
