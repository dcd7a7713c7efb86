package org.jxapi.networkd.simulator.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.spi.InterfaceBackend;
import org.jxapi.networkd.spi.InterfaceState;

/**
 * Devices of the simulated host. A DHCP client "gets" an address from 198.51.100.0/24 at once,
 * IPv6 autoconfiguration and DHCPv6 one from 2001:db8::/64, both derived from the device's MAC,
 * and every IPv6 mode but None has a link-local address, as a kernel would.
 */
final class SimulatedInterfaces implements InterfaceBackend {
    private final SimulatedHost host;

    SimulatedInterfaces(SimulatedHost host) {
        this.host = host;
    }

    @Override
    public List<String> list() {
        return host.read(() -> List.copyOf(host.devices.keySet()));
    }

    @Override
    public InterfaceState state(String name) {
        return host.read(() -> {
            Device d = host.devices.get(name);
            return d == null ? null : d.state();
        });
    }

    @Override
    public void setUp(String name, boolean up) {
        host.change("Interface.set_up " + name + " " + up, () -> host.device(name).up = up);
    }

    @Override
    public void setMtu(String name, int mtu) {
        host.change("Interface.set_mtu " + name + " " + mtu, () -> {
            Device d = host.device(name);
            if (mtu < 68 || mtu > 65535) {
                throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR, "MTU out of range: " + mtu);
            }
            d.mtu = mtu;
        });
    }

    @Override
    public void setIpv4(String name, Ipv4Conf conf, String gateway) {
        host.change("Interface.set_ipv4_conf " + name, () -> {
            Device d = host.device(name);
            if (conf instanceof Ipv4Conf.Static s) {
                d.ipv4 = s.addresses();
                d.dhcp4 = false;
            } else if (conf instanceof Ipv4Conf.Dhcp) {
                d.ipv4 = List.of(new Address("198.51.100." + (1 + (macByte(d.mac) % 250)), 24));
                d.dhcp4 = true;
            } else {
                d.ipv4 = List.of();
                d.dhcp4 = false;
            }
            d.ipv4Gateway = gateway;
        });
    }

    @Override
    public void setIpv6(String name, Ipv6Conf conf, String gateway) {
        host.change("Interface.set_ipv6_conf " + name, () -> {
            Device d = host.device(name);
            List<Address> addresses = new ArrayList<>();
            if (!(conf instanceof Ipv6Conf.None)) {
                addresses.add(new Address("fe80::" + suffix(d.mac), 64));
            }
            if (conf instanceof Ipv6Conf.Static s) {
                addresses.addAll(s.addresses());
            } else if (conf instanceof Ipv6Conf.Autoconf || conf instanceof Ipv6Conf.Dhcp) {
                addresses.add(new Address("2001:db8::" + suffix(d.mac), 64));
            }
            d.ipv6 = List.copyOf(addresses);
            d.ipv6Gateway = gateway;
        });
    }

    @Override
    public void setIpv4Routes(String name, List<Ipv4Route> routes) {
        host.change("Interface.set_ipv4_routes " + name, () -> host.device(name).routes = List.copyOf(routes));
    }

    @Override
    public void setDns(Dns dns) {
        host.change("Interface.set_dns", () -> host.dns = dns == null ? Dns.NONE : dns);
    }

    @Override
    public Dns dns() {
        return host.read(() -> host.dns);
    }

    @Override
    public void setEthtool(String name, Map<String, String> settings, Map<String, String> offload) {
        host.change("Interface.set_ethtool " + name, () -> {
            Device d = host.device(name);
            d.ethtoolSettings = Map.copyOf(settings);
            d.ethtoolOffload = Map.copyOf(offload);
        });
    }

    @Override
    public List<String> capabilities(String name) {
        return host.read(() -> {
            Device d = host.devices.get(name);
            return d != null && d.type == Device.Type.PHYSICAL ? List.of("sriov") : List.of();
        });
    }

    @Override
    public List<Ipv4Route> ipv4Routes(String name) {
        return host.read(() -> {
            Device d = host.devices.get(name);
            return d == null ? null : d.routes;
        });
    }

    @Override
    public Map<String, String> ethtoolSettings(String name) {
        return host.read(() -> {
            Device d = host.devices.get(name);
            return d == null ? null : d.ethtoolSettings;
        });
    }

    @Override
    public Map<String, String> ethtoolOffload(String name) {
        return host.read(() -> {
            Device d = host.devices.get(name);
            return d == null ? null : d.ethtoolOffload;
        });
    }

    private static int macByte(String mac) {
        return Integer.parseInt(mac.substring(mac.length() - 2), 16);
    }

    /** The MAC's last four bytes as two IPv6 groups. */
    private static String suffix(String mac) {
        String hex = mac.replace(":", "");
        String tail = hex.substring(hex.length() - 8);
        return Integer.toHexString(Integer.parseInt(tail.substring(0, 4), 16)) + ":"
                + Integer.toHexString(Integer.parseInt(tail.substring(4), 16));
    }
}
