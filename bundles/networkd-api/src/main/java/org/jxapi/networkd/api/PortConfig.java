package org.jxapi.networkd.api;

import java.util.List;
import java.util.Map;

/**
 * A bridge port, as the original's {@code port_config_t}: one interface is a plain port, two or more
 * are a bond ({@code bond_properties}: {@code mode} = balance-slb | active-backup | lacp,
 * {@code miimon}, {@code downdelay}, {@code updelay}, {@code use_carrier}, {@code hashing_algorithm},
 * {@code lacp-time}, ... as the original maps them), and a {@link Tunnel} makes it a tunnel port with
 * no interfaces. {@code bondMac} and {@code tunnel} are null when absent.
 */
public record PortConfig(List<String> interfaces, Map<String, String> bondProperties, String bondMac,
        Tunnel tunnel) {
    public PortConfig {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        bondProperties = bondProperties == null ? Map.of() : Map.copyOf(bondProperties);
    }

    public static PortConfig of(String... interfaces) {
        return new PortConfig(List.of(interfaces), Map.of(), null, null);
    }

    public static PortConfig bond(List<String> interfaces, Map<String, String> properties, String mac) {
        return new PortConfig(interfaces, properties, mac, null);
    }

    public static PortConfig tunnel(Tunnel tunnel) {
        return new PortConfig(List.of(), Map.of(), null, tunnel);
    }

    public boolean isBond() {
        return interfaces.size() > 1;
    }
}
