package org.jxapi.networkd.api;

import java.util.List;
import java.util.Map;

/**
 * The whole configuration of one interface, as the original's {@code interface_config_t}:
 * {@link Networkd#interfaceMakeConfig} applies it and brings the interface up; what already matches
 * is left alone. Gateways are null when absent. {@code persistent} interfaces are written to
 * {@code networkd.db} and re-applied when networkd starts.
 */
public record InterfaceConfig(Ipv4Conf ipv4, String ipv4Gateway, Ipv6Conf ipv6, String ipv6Gateway,
        List<Ipv4Route> ipv4Routes, Dns dns, int mtu, Map<String, String> ethtoolSettings,
        Map<String, String> ethtoolOffload, boolean persistent) {
    /** The original's {@code default_interface}: no addresses, MTU 1500, not persistent. */
    public static final InterfaceConfig DEFAULT = new InterfaceConfig(Ipv4Conf.NONE, null, Ipv6Conf.NONE, null,
            List.of(), Dns.NONE, 1500, Map.of(), Map.of(), false);

    public InterfaceConfig {
        ipv4 = ipv4 == null ? Ipv4Conf.NONE : ipv4;
        ipv6 = ipv6 == null ? Ipv6Conf.NONE : ipv6;
        ipv4Routes = ipv4Routes == null ? List.of() : List.copyOf(ipv4Routes);
        dns = dns == null ? Dns.NONE : dns;
        mtu = mtu <= 0 ? 1500 : mtu;
        ethtoolSettings = ethtoolSettings == null ? Map.of() : Map.copyOf(ethtoolSettings);
        ethtoolOffload = ethtoolOffload == null ? Map.of() : Map.copyOf(ethtoolOffload);
    }

    public InterfaceConfig withIpv4(Ipv4Conf conf, String gateway) {
        return new InterfaceConfig(conf, gateway, ipv6, ipv6Gateway, ipv4Routes, dns, mtu, ethtoolSettings,
                ethtoolOffload, persistent);
    }

    public InterfaceConfig withMtu(int newMtu) {
        return new InterfaceConfig(ipv4, ipv4Gateway, ipv6, ipv6Gateway, ipv4Routes, dns, newMtu, ethtoolSettings,
                ethtoolOffload, persistent);
    }

    public InterfaceConfig withPersistent(boolean p) {
        return new InterfaceConfig(ipv4, ipv4Gateway, ipv6, ipv6Gateway, ipv4Routes, dns, mtu, ethtoolSettings,
                ethtoolOffload, p);
    }
}
