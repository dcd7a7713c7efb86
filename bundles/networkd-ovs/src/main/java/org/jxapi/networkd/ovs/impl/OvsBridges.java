package org.jxapi.networkd.ovs.impl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.linux.LinuxInterfaces;
import org.jxapi.networkd.spi.BridgeBackend;
import org.jxapi.networkd.spi.BridgeState;

/**
 * Bridges as Open vSwitch has them. Each change is one ovs-vsctl transaction (commands joined with
 * "--"), so a failure leaves nothing half done; each query reads the three tables once.
 */
final class OvsBridges implements BridgeBackend {
    /** other_config keys the original gives a meaning on OVS, besides keeping them. */
    static final String NETWORK_UUIDS = "network-uuids";
    static final String FAIL_MODE = "vswitch-controller-fail-mode";
    static final String DISABLE_IN_BAND = "vswitch-disable-in-band";

    private final OvsCommands ovs;
    private final String datapathType;
    private final LinuxInterfaces devices;

    OvsBridges(OvsCommands ovs, String datapathType, LinuxInterfaces devices) {
        this.ovs = ovs;
        this.datapathType = datapathType;
        this.devices = devices;
    }

    OvsSnapshot snapshot() {
        return OvsSnapshot.read(ovs);
    }

    @Override
    public List<String> list() {
        return snapshot().bridgeNames();
    }

    @Override
    public BridgeState state(String name) {
        return snapshot().state(name);
    }

    @Override
    public void create(String name, Vlan vlan, String mac, Boolean igmpSnooping, Map<String, String> otherConfig) {
        devices.protectedInterfaces().check(name);
        OvsSnapshot s = OvsSnapshot.readFor(ovs, name, vlan == null ? null : vlan.tag());
        Map<String, String> oc = otherConfig == null ? Map.of() : otherConfig;
        List<String> args = new ArrayList<>();
        if (vlan != null) {
            if (vlan.tag() < 0 || vlan.tag() > 4094) {
                throw NetworkdException.internal("VLAN tag " + vlan.tag() + " is not in 0-4094", null);
            }
            if (!s.isReal(vlan.parent())) {
                throw NetworkdException.doesNotExist("bridge", vlan.parent());
            }
            String holder = s.fakeBridgeWithTag(vlan.parent(), vlan.tag());
            if (holder != null && !holder.equals(name)) {
                throw NetworkdException.vlanInUse(vlan.parent(), vlan.tag());
            }
            // A real bridge, or a fake one of another parent or tag, of that name is replaced as the original does.
            if (s.isReal(name) || (s.exists(name) && !vlan.equals(s.vlanOf(name)))) {
                add(args, "--if-exists", "del-br", name);
            }
            add(args, "--may-exist", "add-br", name, vlan.parent(), Integer.toString(vlan.tag()));
            if (mac != null) {
                add(args, "set", "interface", name, "mac=" + VsctlSyntax.quote(mac));
            }
        } else {
            if (s.fakeBridge(name) != null) {
                add(args, "--if-exists", "del-br", name);
            }
            add(args, "--may-exist", "add-br", name);
            List<String> set = new ArrayList<>(List.of("set", "bridge", name, "datapath_type=" + datapathType,
                    "fail_mode=" + oc.getOrDefault(FAIL_MODE, "standalone")));
            if (igmpSnooping != null) {
                set.add("mcast_snooping_enable=" + igmpSnooping);
            }
            if (mac != null) {
                set.add(VsctlSyntax.mapEntry("other-config", "hwaddr", mac));
            }
            if (oc.containsKey(DISABLE_IN_BAND)) {
                set.add(VsctlSyntax.mapEntry("other-config", "disable-in-band", oc.get(DISABLE_IN_BAND)));
            }
            add(args, set.toArray(String[]::new));
            if (mac == null && s.isReal(name)) {
                add(args, "remove", "bridge", name, "other_config", "hwaddr");
            }
        }
        // other_config is kept as external ids (the fake bridge's own for a VLAN), so state() gives it back.
        // (Only the bridge's own row is in this snapshot: its ports are not, its other_config is.)
        BridgeState old = s.state(name);
        if (old != null && (vlan == null) == (old.vlan() == null)) {
            for (String k : old.otherConfig().keySet()) {
                if (!oc.containsKey(k)) {
                    add(args, "br-set-external-id", name, OvsSnapshot.OTHER_CONFIG_PREFIX + k);
                }
            }
        }
        oc.forEach((k, v) -> add(args, "br-set-external-id", name, OvsSnapshot.OTHER_CONFIG_PREFIX + k, v));
        if (oc.containsKey(NETWORK_UUIDS)) {
            add(args, "br-set-external-id", name, "xs-network-uuids", oc.get(NETWORK_UUIDS));
        }
        ovs.vsctl(args);
    }

    @Override
    public void destroy(String name, boolean force) {
        OvsSnapshot s = snapshot();
        if (!s.exists(name)) {
            return;
        }
        // As the original: a bridge with ports, or that VLANs still use, stays unless forced.
        if (!force && (!s.portsOf(name).isEmpty() || s.isReal(name) && !s.fakeBridgesOf(name).isEmpty())) {
            return;
        }
        ovs.vsctl("--", "--if-exists", "del-br", name);
    }

    @Override
    public void addPort(String bridge, String port, PortConfig config) {
        OvsSnapshot s = snapshot();
        if (!s.exists(bridge)) {
            throw NetworkdException.doesNotExist("bridge", bridge);
        }
        for (String iface : config.interfaces()) {
            devices.protectedInterfaces().check(iface);
            // OVS would take a missing device and only report it in the Interface's error column.
            if (devices.ip().link(iface) == null) {
                throw NetworkdException.doesNotExist("interface", iface);
            }
        }
        List<String> args = new ArrayList<>();
        // Replace the port, and take its interfaces out of any port they are in (a NIC becoming a bond member).
        Set<String> stale = new LinkedHashSet<>();
        if (config.tunnel() == null && config.interfaces().size() == 1) {
            stale.add(config.interfaces().get(0));
        } else {
            stale.add(port);
        }
        for (String iface : config.interfaces()) {
            OvsSnapshot.Port holder = s.portWithInterface(iface);
            if (holder != null) {
                stale.add(holder.name());
            }
        }
        for (String p : stale) {
            add(args, "--if-exists", "del-port", p);
        }
        Tunnel tunnel = config.tunnel();
        if (tunnel != null) {
            add(args, "add-port", bridge, port);
            List<String> set = new ArrayList<>(List.of("set", "interface", port, "type=" + tunnel.protocol().wireName(),
                    VsctlSyntax.mapEntry("options", "remote_ip", tunnel.remoteIp())));
            if (tunnel.key() != null) {
                set.add(VsctlSyntax.mapEntry("options", "key", tunnel.key()));
            }
            add(args, set.toArray(String[]::new));
        } else if (config.interfaces().size() == 1) {
            // As the original: a one-interface port is named after its interface.
            add(args, "add-port", bridge, config.interfaces().get(0));
        } else if (config.interfaces().size() > 1) {
            List<String> bond = new ArrayList<>(List.of("add-bond", bridge, port));
            bond.addAll(config.interfaces());
            add(args, bond.toArray(String[]::new));
            BondProperties props = BondProperties.of(config.bondProperties());
            List<String> set = new ArrayList<>(List.of("set", "port", port));
            set.addAll(props.portSettings());
            if (config.bondMac() != null) {
                set.add("mac=" + VsctlSyntax.quote(config.bondMac()));
            }
            set.add(VsctlSyntax.mapEntry("external_ids", OvsSnapshot.INTERFACES, String.join(",", config.interfaces())));
            config.bondProperties().forEach((k, v) ->
                    set.add(VsctlSyntax.mapEntry("external_ids", OvsSnapshot.BOND_PREFIX + k, v)));
            add(args, set.toArray(String[]::new));
            if (!props.interfaceSettings().isEmpty()) {
                for (String iface : config.interfaces()) {
                    List<String> is = new ArrayList<>(List.of("set", "interface", iface));
                    is.addAll(props.interfaceSettings());
                    add(args, is.toArray(String[]::new));
                }
            }
        } else {
            throw NetworkdException.internal("port " + port + " has neither interfaces nor a tunnel", null);
        }
        ovs.vsctl(args);
    }

    @Override
    public void removePort(String bridge, String port) {
        if (!snapshot().exists(bridge)) {
            throw NetworkdException.doesNotExist("bridge", bridge);
        }
        ovs.vsctl("--", "--if-exists", "del-port", bridge, port);
    }

    @Override
    public List<String> interfaces(String bridge) {
        OvsSnapshot s = snapshot();
        List<String> out = new ArrayList<>();
        for (OvsSnapshot.Port p : s.portsOf(bridge)) {
            s.interfacesOf(p).forEach(i -> out.add(i.name()));
        }
        return out;
    }

    @Override
    public List<String> physicalInterfaces(String bridge) {
        OvsSnapshot s = snapshot();
        String parent = s.parentOf(bridge);
        if (parent == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (OvsSnapshot.Port p : s.portsOf(parent)) {
            if (s.isVifPort(p)) {
                continue;
            }
            for (OvsSnapshot.Iface i : s.interfacesOf(p)) {
                if (i.type().isEmpty() || i.type().equals("system")) {
                    out.add(i.name());
                }
            }
        }
        return out;
    }

    private static void add(List<String> args, String... command) {
        args.add("--");
        args.addAll(List.of(command));
    }
}
