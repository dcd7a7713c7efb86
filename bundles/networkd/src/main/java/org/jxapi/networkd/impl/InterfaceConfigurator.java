package org.jxapi.networkd.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.spi.InterfaceState;

/**
 * Brings one interface to its whole configuration, changing only what differs from what the backend
 * reports: ethtool settings, MTU, IPv4 (addresses or DHCP, and the gateway if this interface gives
 * the default route), IPv6, static routes, DNS (if it gives the host's DNS), and up. A DHCP
 * interface is brought up before its client starts, as the original does.
 */
final class InterfaceConfigurator {
    private final GuardedBackend.Interfaces ifs;

    InterfaceConfigurator(GuardedBackend backend) {
        this.ifs = backend.interfaces;
    }

    /**
     * @param gatewayInterface the interface the default gateway comes from, null when none is chosen
     *        (then every interface's gateway applies)
     * @param dnsInterface likewise for DNS
     */
    void apply(String name, InterfaceConfig want, String gatewayInterface, String dnsInterface) {
        InterfaceState have = ifs.state(name);
        if (have == null) {
            throw NetworkdException.doesNotExist("interface", name);
        }
        if (!want.ethtoolSettings().isEmpty() || !want.ethtoolOffload().isEmpty()) {
            if (!want.ethtoolSettings().equals(ifs.ethtoolSettings(name))
                    || !want.ethtoolOffload().equals(ifs.ethtoolOffload(name))) {
                ifs.setEthtool(name, want.ethtoolSettings(), want.ethtoolOffload());
            }
        }
        if (have.mtu() != want.mtu()) {
            ifs.setMtu(name, want.mtu());
        }
        boolean up = have.up();
        if (!up && want.ipv4() instanceof Ipv4Conf.Dhcp) {
            ifs.setUp(name, true);
            up = true;
        }
        applyIpv4(name, have, want.ipv4(), gatewayFor(name, want.ipv4Gateway(), gatewayInterface));
        String gateway6 = gatewayFor(name, want.ipv6Gateway(), gatewayInterface);
        boolean gateway6Differs = want.ipv6() instanceof Ipv6Conf.Static && !Objects.equals(have.ipv6Gateway(), gateway6);
        if (!ipv6Matches(have, want.ipv6()) || gateway6Differs) {
            ifs.setIpv6(name, want.ipv6(), gateway6);
        }
        List<org.jxapi.networkd.api.Ipv4Route> routes = ifs.ipv4Routes(name);
        if (routes == null ? !want.ipv4Routes().isEmpty() : !Set.copyOf(routes).equals(Set.copyOf(want.ipv4Routes()))) {
            ifs.setIpv4Routes(name, want.ipv4Routes());
        }
        boolean dnsHere = dnsInterface == null ? want.ipv4() instanceof Ipv4Conf.Static : dnsInterface.equals(name);
        if (dnsHere && !want.dns().equals(Dns.NONE) && !want.dns().equals(ifs.dns())) {
            ifs.setDns(want.dns());
        }
        if (!up) {
            ifs.setUp(name, true);
        }
    }

    /** Only IPv4: what {@code Interface.set_ipv4_conf} does. */
    void applyIpv4(String name, Ipv4Conf conf, String gateway) {
        InterfaceState have = ifs.state(name);
        if (have == null) {
            throw NetworkdException.doesNotExist("interface", name);
        }
        applyIpv4(name, have, conf, gateway);
    }

    private void applyIpv4(String name, InterfaceState have, Ipv4Conf conf, String gateway) {
        boolean gatewayDiffers = !(conf instanceof Ipv4Conf.Dhcp) && !Objects.equals(have.ipv4Gateway(), gateway);
        if (!ipv4Matches(have, conf) || gatewayDiffers) {
            ifs.setIpv4(name, conf, gateway);
        }
    }

    private static String gatewayFor(String name, String gateway, String gatewayInterface) {
        return gatewayInterface == null || gatewayInterface.equals(name) ? gateway : null;
    }

    static boolean ipv4Matches(InterfaceState have, Ipv4Conf want) {
        if (want instanceof Ipv4Conf.Dhcp) {
            return have.dhcp4();
        }
        if (have.dhcp4()) {
            return false;
        }
        if (want instanceof Ipv4Conf.Static s) {
            return new HashSet<>(have.ipv4()).equals(new HashSet<>(s.addresses()));
        }
        return have.ipv4().isEmpty();
    }

    /**
     * The backend reports addresses, not how they came: None and link-local are no global address
     * (the kernel gives an interface a link-local address again whenever it comes up, so insisting on
     * none would make every make_config change something), DHCPv6 and autoconf at least one global
     * address, Static exactly these global ones.
     */
    static boolean ipv6Matches(InterfaceState have, Ipv6Conf want) {
        Set<Address> global = new HashSet<>();
        for (Address a : have.ipv6()) {
            if (!isLinkLocal(a)) {
                global.add(a);
            }
        }
        if (want instanceof Ipv6Conf.None || want instanceof Ipv6Conf.LinkLocal) {
            return global.isEmpty();
        }
        if (want instanceof Ipv6Conf.Static s) {
            return global.equals(new HashSet<>(s.addresses()));
        }
        return !global.isEmpty();
    }

    private static boolean isLinkLocal(Address a) {
        return a.address().toLowerCase(java.util.Locale.ROOT).startsWith("fe8");
    }
}
