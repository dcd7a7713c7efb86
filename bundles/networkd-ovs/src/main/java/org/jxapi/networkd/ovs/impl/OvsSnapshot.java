package org.jxapi.networkd.ovs.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.spi.BridgeState;

/**
 * The Bridge, Port and Interface tables at one moment, read in one ovs-vsctl run, joined so that a
 * bridge's state is computed without further runs. A fake bridge (a VLAN) is a Port row with
 * {@code fake_bridge=true} on its parent; its ports are the parent's ports with its tag.
 */
final class OvsSnapshot {
    /** external_ids keys marking a guest's port: jxapi's and the original's. */
    static final String VIF_ID = "jxapi-vif";
    static final String XS_VIF_UUID = "xs-vif-uuid";
    /** Port external_ids keeping what OVS cannot give back: the configured interface order and bond properties. */
    static final String INTERFACES = "jxapi-interfaces";
    static final String BOND_PREFIX = "jxapi-bond-";
    /** Bridge (or fake bridge port) external_ids keeping the configured other_config. */
    static final String OTHER_CONFIG_PREFIX = "jxapi-oc-";
    private static final String FAKE_BRIDGE_PREFIX = "fake-bridge-";

    record Bridge(String uuid, String name, List<String> ports, Map<String, String> otherConfig,
            Map<String, String> externalIds, boolean mcastSnooping) {
    }

    record Port(String uuid, String name, Integer tag, boolean fakeBridge, List<String> interfaces,
            Map<String, String> externalIds, String mac) {
    }

    record Iface(String uuid, String name, String type, Map<String, String> options,
            Map<String, String> externalIds, String mac, String ofport) {
        boolean isVif() {
            return externalIds.containsKey(VIF_ID) || externalIds.containsKey(XS_VIF_UUID);
        }
    }

    private static final String BRIDGE_COLUMNS = "--columns=_uuid,name,ports,other_config,external_ids,mcast_snooping_enable";
    private static final String PORT_COLUMNS = "--columns=_uuid,name,tag,fake_bridge,interfaces,external_ids,mac";
    private static final String IFACE_COLUMNS = "--columns=_uuid,name,type,options,external_ids,mac,ofport";

    static final String[] COMMAND = {
        "--format=json",
        "--", BRIDGE_COLUMNS, "list", "Bridge",
        "--", PORT_COLUMNS, "list", "Port",
        "--", IFACE_COLUMNS, "list", "Interface" };

    private final Map<String, Bridge> bridges = new LinkedHashMap<>();
    private final Map<String, Port> ports = new HashMap<>();
    private final Map<String, Iface> ifaces = new HashMap<>();
    /** Port uuid to the real bridge holding it. */
    private final Map<String, Bridge> bridgeOfPort = new HashMap<>();

    static OvsSnapshot read(OvsCommands commands) {
        return parse(commands.vsctl(COMMAND));
    }

    /**
     * What creating bridge {@code name} (of {@code vlan}, or null) needs to know, without reading every
     * port and interface: all Bridge rows, the Port and Interface rows named {@code name}, and the
     * fake bridges with the VLAN's tag. With hundreds of VLANs the full tables cost a run as long as the change.
     */
    static OvsSnapshot readFor(OvsCommands commands, String name, Integer tag) {
        List<String> args = new ArrayList<>(List.of("--format=json", "--", BRIDGE_COLUMNS, "list", "Bridge",
                "--", PORT_COLUMNS, "find", "Port", "name=" + VsctlSyntax.quote(name)));
        if (tag != null) {
            args.addAll(List.of("--", PORT_COLUMNS, "find", "Port", "fake_bridge=true", "tag=" + tag));
        }
        args.addAll(List.of("--", IFACE_COLUMNS, "find", "Interface", "name=" + VsctlSyntax.quote(name)));
        return parse(commands.vsctl(args));
    }

    /** The Bridge table first, the Interface table last, one or more Port tables between. */
    static OvsSnapshot parse(String vsctlOutput) {
        List<OvsdbTable> tables = OvsdbTable.readAll(vsctlOutput);
        if (tables.size() < 3) {
            throw new IllegalArgumentException("expected the Bridge, Port and Interface tables, got " + tables.size());
        }
        OvsSnapshot s = new OvsSnapshot();
        for (Map<String, OvsdbValue> r : tables.get(0).rows()) {
            Bridge b = new Bridge(r.get("_uuid").scalar(), r.get("name").scalar(), r.get("ports").set(),
                    r.get("other_config").map(), r.get("external_ids").map(), r.get("mcast_snooping_enable").isTrue());
            s.bridges.put(b.name(), b);
            b.ports().forEach(p -> s.bridgeOfPort.put(p, b));
        }
        for (Map<String, OvsdbValue> r : tables.subList(1, tables.size() - 1).stream()
                .flatMap(t -> t.rows().stream()).toList()) {
            String tag = r.get("tag").scalar();
            Port p = new Port(r.get("_uuid").scalar(), r.get("name").scalar(), tag == null ? null : Integer.valueOf(tag),
                    r.get("fake_bridge").isTrue(), r.get("interfaces").set(), r.get("external_ids").map(),
                    r.get("mac").scalar());
            s.ports.put(p.uuid(), p);
        }
        for (Map<String, OvsdbValue> r : tables.get(tables.size() - 1).rows()) {
            Iface i = new Iface(r.get("_uuid").scalar(), r.get("name").scalar(),
                    Objects.requireNonNullElse(r.get("type").scalar(), ""), r.get("options").map(),
                    r.get("external_ids").map(), r.get("mac").scalar(), r.get("ofport").scalar());
            s.ifaces.put(i.uuid(), i);
        }
        return s;
    }

    /** Real and fake bridges, real ones first. */
    List<String> bridgeNames() {
        List<String> out = new ArrayList<>(bridges.keySet());
        for (Bridge b : bridges.values()) {
            for (String p : b.ports()) {
                Port port = ports.get(p);
                if (port != null && port.fakeBridge()) {
                    out.add(port.name());
                }
            }
        }
        return out;
    }

    boolean isReal(String name) {
        return bridges.containsKey(name);
    }

    /** The fake bridge's port row, or null when {@code name} is not a fake bridge. */
    Port fakeBridge(String name) {
        for (Bridge b : bridges.values()) {
            for (String p : b.ports()) {
                Port port = ports.get(p);
                if (port != null && port.fakeBridge() && port.name().equals(name)) {
                    return port;
                }
            }
        }
        return null;
    }

    boolean exists(String name) {
        return isReal(name) || fakeBridge(name) != null;
    }

    /** The real bridge under {@code name}: itself, or a fake bridge's parent; null if neither. */
    String parentOf(String name) {
        if (isReal(name)) {
            return name;
        }
        Port fake = fakeBridge(name);
        return fake == null ? null : bridgeOfPort.get(fake.uuid()).name();
    }

    Vlan vlanOf(String name) {
        Port fake = fakeBridge(name);
        return fake == null ? null : new Vlan(parentOf(name), fake.tag() == null ? 0 : fake.tag());
    }

    /** The fake bridge of {@code parent} with {@code tag}, or null. */
    String fakeBridgeWithTag(String parent, int tag) {
        Bridge b = bridges.get(parent);
        if (b == null) {
            return null;
        }
        for (String p : b.ports()) {
            Port port = ports.get(p);
            if (port != null && port.fakeBridge() && port.tag() != null && port.tag() == tag) {
                return port.name();
            }
        }
        return null;
    }

    List<String> fakeBridgesOf(String parent) {
        List<String> out = new ArrayList<>();
        Bridge b = bridges.get(parent);
        if (b != null) {
            for (String p : b.ports()) {
                Port port = ports.get(p);
                if (port != null && port.fakeBridge()) {
                    out.add(port.name());
                }
            }
        }
        return out;
    }

    /** Every port on the bridge except its own internal port and fake bridges: guests' ones included. */
    List<Port> portsOf(String name) {
        String parent = parentOf(name);
        if (parent == null) {
            return List.of();
        }
        Port fake = fakeBridge(name);
        Integer tag = fake == null ? null : fake.tag();
        List<Port> out = new ArrayList<>();
        for (String p : bridges.get(parent).ports()) {
            Port port = ports.get(p);
            if (port == null || port.fakeBridge() || port.name().equals(parent) || !Objects.equals(port.tag(), tag)) {
                continue;
            }
            out.add(port);
        }
        return out;
    }

    List<Iface> interfacesOf(Port port) {
        List<Iface> out = new ArrayList<>();
        for (String i : port.interfaces()) {
            Iface iface = ifaces.get(i);
            if (iface != null) {
                out.add(iface);
            }
        }
        return out;
    }

    boolean isVifPort(Port port) {
        return port.externalIds().containsKey(VIF_ID) || interfacesOf(port).stream().anyMatch(Iface::isVif);
    }

    /** The interface named {@code name} and the bridge (real or fake) it is on; null when it is on none. */
    Map.Entry<Iface, String> findInterface(String name) {
        for (Bridge b : bridges.values()) {
            for (String p : b.ports()) {
                Port port = ports.get(p);
                if (port == null || port.fakeBridge()) {
                    continue;
                }
                for (Iface i : interfacesOf(port)) {
                    if (i.name().equals(name)) {
                        String on = port.tag() == null ? b.name() : fakeBridgeWithTag(b.name(), port.tag());
                        return Map.entry(i, on == null ? b.name() : on);
                    }
                }
            }
        }
        return null;
    }

    /** The port holding interface {@code name} anywhere, or null. */
    Port portWithInterface(String name) {
        for (Port port : ports.values()) {
            if (!port.fakeBridge() && interfacesOf(port).stream().anyMatch(i -> i.name().equals(name))) {
                return port;
            }
        }
        return null;
    }

    Port port(String bridge, String name) {
        return portsOf(bridge).stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    BridgeState state(String name) {
        if (!exists(name)) {
            return null;
        }
        Map<String, PortConfig> configs = new LinkedHashMap<>();
        for (Port port : portsOf(name)) {
            if (!isVifPort(port)) {
                configs.put(port.name(), portConfig(port));
            }
        }
        Port fake = fakeBridge(name);
        if (fake == null) {
            Bridge b = bridges.get(name);
            return new BridgeState(name, null, b.otherConfig().get("hwaddr"), b.mcastSnooping(),
                    otherConfig(b.externalIds()), configs);
        }
        String mac = interfacesOf(fake).stream().map(Iface::mac).filter(Objects::nonNull).findFirst().orElse(null);
        // ovs-vsctl keeps a fake bridge's external ids on its port, prefixed.
        Map<String, String> ids = new LinkedHashMap<>();
        fake.externalIds().forEach((k, v) -> {
            if (k.startsWith(FAKE_BRIDGE_PREFIX)) {
                ids.put(k.substring(FAKE_BRIDGE_PREFIX.length()), v);
            }
        });
        return new BridgeState(name, vlanOf(name), mac, null, otherConfig(ids), configs);
    }

    private static Map<String, String> otherConfig(Map<String, String> externalIds) {
        Map<String, String> out = new LinkedHashMap<>();
        externalIds.forEach((k, v) -> {
            if (k.startsWith(OTHER_CONFIG_PREFIX)) {
                out.put(k.substring(OTHER_CONFIG_PREFIX.length()), v);
            }
        });
        return out;
    }

    /** A port back in the shape it was configured with. */
    PortConfig portConfig(Port port) {
        List<Iface> members = interfacesOf(port);
        if (members.size() == 1) {
            Iface i = members.get(0);
            if (i.type().equals("vxlan") || i.type().equals("gre")) {
                return PortConfig.tunnel(new Tunnel(Tunnel.Protocol.of(i.type()),
                        i.options().getOrDefault("remote_ip", ""), i.options().get("key")));
            }
            return PortConfig.of(i.name());
        }
        List<String> names = new ArrayList<>(members.stream().map(Iface::name).sorted().toList());
        String recorded = port.externalIds().get(INTERFACES);
        if (recorded != null) {
            List<String> order = List.of(recorded.split(","));
            if (order.size() == names.size() && order.containsAll(names)) {
                names = new ArrayList<>(order);
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        port.externalIds().forEach((k, v) -> {
            if (k.startsWith(BOND_PREFIX)) {
                props.put(k.substring(BOND_PREFIX.length()), v);
            }
        });
        // The port's mac column is set only when a bond MAC was configured.
        return PortConfig.bond(names, props, port.mac());
    }
}
