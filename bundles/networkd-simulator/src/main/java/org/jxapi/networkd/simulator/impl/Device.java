package org.jxapi.networkd.simulator.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Link;
import org.jxapi.networkd.spi.InterfaceState;

/** One simulated network device; mutable, only touched under the {@link SimulatedHost}'s lock. */
final class Device {
    enum Type {
        PHYSICAL, BRIDGE, BOND, VLAN, GUEST
    }

    final String name;
    final Type type;
    final String pciBusPath;
    final long speedMbit;
    /** A VLAN device's physical NIC. */
    final String lower;
    String mac;
    boolean up;
    int mtu = 1500;
    boolean cable;
    List<Address> ipv4 = List.of();
    String ipv4Gateway;
    boolean dhcp4;
    List<Address> ipv6 = List.of();
    String ipv6Gateway;
    List<Ipv4Route> routes = List.of();
    Map<String, String> ethtoolSettings = Map.of();
    Map<String, String> ethtoolOffload = Map.of();
    boolean sriovEnabled;

    Device(String name, Type type, String mac, String pciBusPath, boolean cable, long speedMbit, String lower) {
        this.name = name;
        this.type = type;
        this.mac = mac;
        this.pciBusPath = pciBusPath == null ? "" : pciBusPath;
        this.cable = cable;
        this.speedMbit = speedMbit;
        this.lower = lower;
    }

    static Device physical(SimulatedNic nic) {
        return new Device(nic.name(), Type.PHYSICAL, nic.mac(), nic.pciBusPath(), nic.carrier(), nic.speedMbit(), null);
    }

    static Device virtual(String name, Type type, String mac) {
        return new Device(name, type, mac, "", true, 0, null);
    }

    InterfaceState state() {
        boolean physical = type == Type.PHYSICAL;
        Link link = new Link(up && cable, physical ? speedMbit : 0, physical ? "full" : "unknown");
        return new InterfaceState(name, mac, up, mtu, new ArrayList<>(ipv4), ipv4Gateway, dhcp4, new ArrayList<>(ipv6),
                ipv6Gateway, physical, pciBusPath, link);
    }
}
