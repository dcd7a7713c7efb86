package org.jxapi.networkd.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.networkd.api.SriovVfConfig;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.spi.BridgeBackend;
import org.jxapi.networkd.spi.BridgeState;
import org.jxapi.networkd.spi.InterfaceBackend;
import org.jxapi.networkd.spi.InterfaceState;
import org.jxapi.networkd.spi.NetworkBackend;
import org.jxapi.networkd.spi.SriovBackend;
import org.jxapi.networkd.spi.VifBackend;

/**
 * The backend as the engine sees it: every change call first passes the protected-interfaces check,
 * then is counted (so "nothing differed" is a count of zero, checked by tests and reported in
 * diagnostics), then goes to the real backend. Queries pass straight through.
 */
final class GuardedBackend {
    private final NetworkBackend backend;
    private final ProtectedInterfaces protection;
    private final AtomicInteger changes = new AtomicInteger();
    final Interfaces interfaces = new Interfaces();
    final Bridges bridges = new Bridges();
    final Vifs vifs = new Vifs();
    final Sriov sriov = new Sriov();

    GuardedBackend(NetworkBackend backend, ProtectedInterfaces protection) {
        this.backend = backend;
        this.protection = protection;
    }

    /** Change calls made so far. */
    int changes() {
        return changes.get();
    }

    Kind kind() {
        return backend.kind();
    }

    ProtectedInterfaces protection() {
        return protection;
    }

    private void count() {
        changes.incrementAndGet();
    }

    final class Interfaces {
        private InterfaceBackend b() {
            return backend.interfaces();
        }

        List<String> list() {
            return b().list();
        }

        InterfaceState state(String name) {
            return b().state(name);
        }

        Dns dns() {
            return b().dns();
        }

        List<String> capabilities(String name) {
            return b().capabilities(name);
        }

        List<Ipv4Route> ipv4Routes(String name) {
            return b().ipv4Routes(name);
        }

        Map<String, String> ethtoolSettings(String name) {
            return b().ethtoolSettings(name);
        }

        Map<String, String> ethtoolOffload(String name) {
            return b().ethtoolOffload(name);
        }

        void setUp(String name, boolean up) {
            protection.check(name);
            count();
            b().setUp(name, up);
        }

        void setMtu(String name, int mtu) {
            protection.check(name);
            count();
            b().setMtu(name, mtu);
        }

        void setIpv4(String name, Ipv4Conf conf, String gateway) {
            protection.check(name);
            count();
            b().setIpv4(name, conf, gateway);
        }

        void setIpv6(String name, Ipv6Conf conf, String gateway) {
            protection.check(name);
            count();
            b().setIpv6(name, conf, gateway);
        }

        void setIpv4Routes(String name, List<Ipv4Route> routes) {
            protection.check(name);
            count();
            b().setIpv4Routes(name, routes);
        }

        void setDns(Dns dns) {
            protection.checkDns();
            count();
            b().setDns(dns);
        }

        void setEthtool(String name, Map<String, String> settings, Map<String, String> offload) {
            protection.check(name);
            count();
            b().setEthtool(name, settings, offload);
        }
    }

    final class Bridges {
        private BridgeBackend b() {
            return backend.bridges();
        }

        List<String> list() {
            return b().list();
        }

        BridgeState state(String name) {
            return b().state(name);
        }

        List<String> interfaces(String bridge) {
            return b().interfaces(bridge);
        }

        List<String> physicalInterfaces(String bridge) {
            return b().physicalInterfaces(bridge);
        }

        void create(String name, Vlan vlan, String mac, Boolean igmpSnooping, Map<String, String> otherConfig) {
            protection.check(name);
            count();
            b().create(name, vlan, mac, igmpSnooping, otherConfig);
        }

        void destroy(String name, boolean force) {
            protection.check(name);
            count();
            b().destroy(name, force);
        }

        void addPort(String bridge, String port, PortConfig config) {
            List<String> touched = new ArrayList<>(config.interfaces());
            touched.add(bridge);
            touched.add(port);
            protection.check(touched);
            count();
            b().addPort(bridge, port, config);
        }

        void removePort(String bridge, String port, PortConfig was) {
            List<String> touched = new ArrayList<>(was == null ? List.of() : was.interfaces());
            touched.add(bridge);
            touched.add(port);
            protection.check(touched);
            count();
            b().removePort(bridge, port);
        }
    }

    final class Vifs {
        private VifBackend b() {
            return backend.vifs();
        }

        List<String> devices(String bridge) {
            return b().devices(bridge);
        }

        void plug(VifPort port) {
            protection.check(port.device());
            count();
            b().plug(port);
        }

        void unplug(String bridge, String device) {
            protection.check(device);
            count();
            b().unplug(bridge, device);
        }

        void setLocking(String bridge, String device, String mac, VifLocking locking) {
            protection.check(device);
            count();
            b().setLocking(bridge, device, mac, locking);
        }
    }

    final class Sriov {
        private SriovBackend b() {
            return backend.sriov();
        }

        SriovEnableResult enable(String name) {
            protection.check(name);
            count();
            return b().enable(name);
        }

        void disable(String name) {
            protection.check(name);
            count();
            b().disable(name);
        }

        void makeVfConfig(String pciAddress, SriovVfConfig config) {
            count();
            b().makeVfConfig(pciAddress, config);
        }
    }
}
