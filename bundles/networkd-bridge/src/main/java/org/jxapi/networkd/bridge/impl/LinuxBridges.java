package org.jxapi.networkd.bridge.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.linux.IpCommand;
import org.jxapi.networkd.linux.ProtectedInterfaces;
import org.jxapi.networkd.linux.ipjson.IpLink;
import org.jxapi.networkd.spi.BridgeBackend;
import org.jxapi.networkd.spi.BridgeState;

/**
 * Linux bridges of one namespace: {@code ip link add type bridge}, plain ports as the bridge's
 * slaves, VXLAN (and, where the kernel has gretap, GRE) tunnel ports as devices on the bridge, bonds
 * and VLAN bridges where the kernel has bonding and 8021q. What Linux keeps nowhere (other_config,
 * port names, which ports are guests') is in the {@link InstanceState}.
 */
final class LinuxBridges implements BridgeBackend {
    static final int VXLAN_PORT = 4789;
    /** Device kinds networkd makes for a port (and so deletes with it); anything else is only released. */
    private static final java.util.Set<String> MADE_FOR_PORTS = java.util.Set.of("vxlan", "gretap", "bond", "vlan");

    private final IpCommand ip;
    private final ProtectedInterfaces protectedInterfaces;
    private final InstanceState state;
    private final KernelFeatures kernel;
    private final Predicate<String> physical;

    LinuxBridges(IpCommand ip, ProtectedInterfaces protectedInterfaces, InstanceState state, KernelFeatures kernel,
            Predicate<String> physical) {
        this.ip = ip;
        this.physical = physical;
        this.protectedInterfaces = protectedInterfaces;
        this.state = state;
        this.kernel = kernel;
    }

    @Override
    public List<String> list() {
        return ip.links("bridge").stream().map(IpLink::name).toList();
    }

    private IpLink bridgeLink(String name) {
        IpLink l = ip.link(name);
        return l != null && "bridge".equals(l.kind()) ? l : null;
    }

    private IpLink requireBridge(String name) {
        IpLink l = bridgeLink(name);
        if (l == null) {
            throw NetworkdException.doesNotExist("bridge", name);
        }
        return l;
    }

    @Override
    public BridgeState state(String name) {
        IpLink br = bridgeLink(name);
        if (br == null) {
            return null;
        }
        InstanceState.Bridge recorded = state.bridge(name);
        String snooping = br.linkInfo() == null ? null : br.linkInfo().dataText("mcast_snooping");
        Map<String, PortConfig> ports = new LinkedHashMap<>();
        Vlan vlan = null;
        for (IpLink p : ip.portsOf(name)) {
            if (state.vif(p.name()) != null) {
                continue;
            }
            String kind = p.kind();
            if ("vxlan".equals(kind) || "gretap".equals(kind)) {
                ports.put(p.name(), PortConfig.tunnel(tunnelOf(p)));
            } else if ("bond".equals(kind)) {
                List<String> members = ip.portsOf(p.name()).stream().map(IpLink::name).toList();
                ports.put(p.name(), PortConfig.bond(members, Map.of(), p.mac()));
            } else if ("vlan".equals(kind)) {
                // A VLAN bridge's port is the tagged device made on its parent's interface.
                vlan = vlanOf(p);
            } else {
                ports.put(portName(recorded, p.name()), PortConfig.of(p.name()));
            }
        }
        return new BridgeState(name, vlan, br.mac(), snooping == null ? null : snooping.equals("1"),
                recorded.otherConfig(), ports);
    }

    private static String portName(InstanceState.Bridge recorded, String iface) {
        for (Map.Entry<String, List<String>> e : recorded.ports().entrySet()) {
            if (e.getValue().equals(List.of(iface))) {
                return e.getKey();
            }
        }
        return iface;
    }

    private static Tunnel tunnelOf(IpLink p) {
        String remote = p.linkInfo().dataText("remote");
        if ("vxlan".equals(p.kind())) {
            String id = p.linkInfo().dataText("id");
            return new Tunnel(Tunnel.Protocol.VXLAN, remote == null ? "" : remote, "0".equals(id) ? null : id);
        }
        String key = p.linkInfo().dataText("ikey");
        return new Tunnel(Tunnel.Protocol.GRE, remote == null ? "" : remote, key);
    }

    private Vlan vlanOf(IpLink vlanDevice) {
        String tag = vlanDevice.linkInfo().dataText("id");
        // The parent bridge is the bridge of the device the VLAN sits on.
        String lower = vlanDevice.name().contains(".") ? vlanDevice.name().substring(0, vlanDevice.name().indexOf('.'))
                : null;
        IpLink l = lower == null ? null : ip.link(lower);
        return new Vlan(l == null || l.master() == null ? "" : l.master(), tag == null ? 0 : Integer.parseInt(tag));
    }

    @Override
    public void create(String name, Vlan vlan, String mac, Boolean igmpSnooping, Map<String, String> otherConfig) {
        protectedInterfaces.check(name);
        if (vlan != null) {
            kernel.requireVlan();
        }
        IpLink br = ip.link(name);
        if (br != null && !"bridge".equals(br.kind())) {
            throw NetworkdException.internal(name + " exists and is not a bridge (" + br.kind() + ")", null);
        }
        if (br == null) {
            ip.ip("link", "add", "name", name, "type", "bridge");
            br = ip.link(name);
        }
        if (mac != null && !mac.isBlank() && !mac.equalsIgnoreCase(br.mac())) {
            ip.ip("link", "set", "dev", name, "address", mac);
        }
        if (igmpSnooping != null) {
            String want = igmpSnooping ? "1" : "0";
            if (!want.equals(br.linkInfo() == null ? null : br.linkInfo().dataText("mcast_snooping"))) {
                ip.ip("link", "set", "dev", name, "type", "bridge", "mcast_snooping", want);
            }
        }
        if (vlan != null) {
            addVlanPort(name, vlan);
        }
        if (!br.up()) {
            ip.ip("link", "set", "dev", name, "up");
        }
        Map<String, String> oc = otherConfig == null ? Map.of() : otherConfig;
        state.updateBridge(name, b -> b.withOtherConfig(oc));
    }

    /** A VLAN bridge as the original's Linux mode makes it: PHY.TAG on the parent's interface, on the bridge. */
    private void addVlanPort(String name, Vlan vlan) {
        List<String> phys = physicalInterfaces(vlan.parent());
        if (phys.isEmpty()) {
            throw NetworkdException.doesNotExist("bridge", vlan.parent());
        }
        String device = phys.get(0) + "." + vlan.tag();
        IpLink existing = ip.link(device);
        if (existing != null && existing.master() != null && !existing.master().equals(name)) {
            throw NetworkdException.vlanInUse(vlan.parent(), vlan.tag());
        }
        if (existing == null) {
            ip.ip("link", "add", "link", phys.get(0), "name", device, "type", "vlan", "id",
                    Integer.toString(vlan.tag()));
        }
        ip.ip("link", "set", "dev", device, "master", name, "up");
    }

    @Override
    public void destroy(String name, boolean force) {
        IpLink br = bridgeLink(name);
        if (br == null) {
            state.updateBridge(name, b -> null);
            return;
        }
        protectedInterfaces.check(name);
        List<IpLink> ports = ip.portsOf(name);
        if (!ports.isEmpty() && !force) {
            // As the original: a bridge that still has ports (NICs or guests) stays unless forced.
            return;
        }
        for (IpLink p : ports) {
            detach(p);
        }
        ip.ip("link", "del", "dev", name);
        state.updateBridge(name, b -> null);
    }

    /** Takes a device off its bridge: what networkd made for the port is deleted, an interface released. */
    private void detach(IpLink p) {
        String kind = p.kind();
        if ("vxlan".equals(kind) || "gretap".equals(kind) || "vlan".equals(kind)) {
            ip.ip("link", "del", "dev", p.name());
        } else if ("bond".equals(kind)) {
            for (IpLink m : ip.portsOf(p.name())) {
                ip.ip("link", "set", "dev", m.name(), "nomaster");
            }
            ip.ip("link", "del", "dev", p.name());
        } else {
            ip.ip("link", "set", "dev", p.name(), "nomaster");
        }
    }

    @Override
    public void addPort(String bridge, String port, PortConfig config) {
        requireBridge(bridge);
        protectedInterfaces.check(port);
        if (config.tunnel() != null) {
            addTunnel(bridge, port, config.tunnel());
        } else if (config.isBond()) {
            addBond(bridge, port, config);
        } else if (config.interfaces().size() == 1) {
            addPlain(bridge, port, config.interfaces().get(0));
        } else {
            throw NetworkdException.internal("port " + port + " has neither interfaces nor a tunnel", null);
        }
    }

    private void addPlain(String bridge, String port, String iface) {
        protectedInterfaces.check(iface);
        IpLink l = ip.link(iface);
        if (l == null) {
            throw NetworkdException.doesNotExist("interface", iface);
        }
        if (!bridge.equals(l.master())) {
            ip.ip("link", "set", "dev", iface, "master", bridge);
        }
        if (!l.up()) {
            ip.ip("link", "set", "dev", iface, "up");
        }
        state.updateBridge(bridge, b -> b.withPort(port, List.of(iface)));
    }

    private void addTunnel(String bridge, String port, Tunnel t) {
        if (t.protocol() == Tunnel.Protocol.GRE && !kernel.gretap()) {
            throw NetworkdException.notImplemented("Bridge.add_port: GRE tunnels on a Linux bridge need the "
                    + "kernel's gretap devices (ip_gre), which this kernel lacks; use VXLAN or the openvswitch backend");
        }
        IpLink existing = ip.link(port);
        if (existing != null) {
            boolean same = ("vxlan".equals(existing.kind()) || "gretap".equals(existing.kind()))
                    && tunnelOf(existing).equals(normalised(t));
            if (same && bridge.equals(existing.master())) {
                return;
            }
            if (!same) {
                // "Replaces a port of that name that differs": a tunnel's far end cannot be changed in place.
                ip.ip("link", "del", "dev", port);
                existing = null;
            }
        }
        if (existing == null) {
            List<String> argv = new ArrayList<>(List.of("link", "add", "name", port));
            String underlay = ip.routeDevice(t.remoteIp());
            if (t.protocol() == Tunnel.Protocol.VXLAN) {
                argv.addAll(List.of("type", "vxlan", "id", t.key() == null ? "0" : t.key(), "remote", t.remoteIp(),
                        "dstport", Integer.toString(VXLAN_PORT)));
            } else {
                argv.addAll(List.of("type", "gretap", "remote", t.remoteIp()));
                if (t.key() != null) {
                    argv.addAll(List.of("key", t.key()));
                }
            }
            if (underlay != null) {
                argv.addAll(List.of("dev", underlay));
            }
            ip.ip(argv.toArray(String[]::new));
        }
        ip.ip("link", "set", "dev", port, "master", bridge, "up");
        state.updateBridge(bridge, b -> b.withPort(port, List.of()));
    }

    private static Tunnel normalised(Tunnel t) {
        return "0".equals(t.key()) ? new Tunnel(t.protocol(), t.remoteIp(), null) : t;
    }

    private void addBond(String bridge, String port, PortConfig config) {
        kernel.requireBonding();
        for (String m : config.interfaces()) {
            protectedInterfaces.check(m);
            if (ip.link(m) == null) {
                throw NetworkdException.doesNotExist("interface", m);
            }
        }
        if (ip.link(port) == null) {
            List<String> argv = new ArrayList<>(List.of("link", "add", "name", port, "type", "bond"));
            argv.addAll(BondModes.options(config.bondProperties()));
            ip.ip(argv.toArray(String[]::new));
        }
        for (String m : config.interfaces()) {
            IpLink l = ip.link(m);
            if (!port.equals(l.master())) {
                // A member must be down to be enslaved.
                ip.ip("link", "set", "dev", m, "down");
                ip.ip("link", "set", "dev", m, "master", port);
            }
            ip.ip("link", "set", "dev", m, "up");
        }
        if (config.bondMac() != null) {
            ip.ip("link", "set", "dev", port, "address", config.bondMac());
        }
        ip.ip("link", "set", "dev", port, "master", bridge, "up");
        state.updateBridge(bridge, b -> b.withPort(port, config.interfaces()));
    }

    @Override
    public void removePort(String bridge, String port) {
        requireBridge(bridge);
        List<String> ifaces = state.bridge(bridge).ports().getOrDefault(port, List.of());
        IpLink dev = ip.link(port);
        if (dev != null && bridge.equals(dev.master()) && MADE_FOR_PORTS.contains(String.valueOf(dev.kind()))) {
            protectedInterfaces.check(port);
            detach(dev);
        } else {
            for (String i : ifaces.isEmpty() ? List.of(port) : ifaces) {
                IpLink l = ip.link(i);
                if (l != null && bridge.equals(l.master())) {
                    protectedInterfaces.check(i);
                    ip.ip("link", "set", "dev", i, "nomaster");
                }
            }
        }
        state.updateBridge(bridge, b -> b.withoutPort(port));
    }

    @Override
    public List<String> interfaces(String bridge) {
        if (bridgeLink(bridge) == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (IpLink p : ip.portsOf(bridge)) {
            if ("bond".equals(p.kind())) {
                ip.portsOf(p.name()).forEach(m -> out.add(m.name()));
            } else {
                out.add(p.name());
            }
        }
        return out;
    }

    @Override
    public List<String> physicalInterfaces(String bridge) {
        List<String> out = new ArrayList<>();
        for (String i : interfaces(bridge)) {
            IpLink l = ip.link(i);
            if (l != null && "vlan".equals(l.kind()) || state.vif(i) != null) {
                continue;
            }
            if (physical.test(i)) {
                out.add(i);
            }
        }
        // A VLAN bridge's physical interfaces are its parent's: the device under PHY.TAG.
        for (IpLink p : ip.portsOf(bridge)) {
            if ("vlan".equals(p.kind()) && p.name().contains(".")) {
                out.add(p.name().substring(0, p.name().indexOf('.')));
            }
        }
        return out;
    }
}
