package org.jxapi.networkd.simulator.impl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.spi.BridgeBackend;
import org.jxapi.networkd.spi.BridgeState;

/**
 * Bridges of the simulated host. With openvswitch semantics a VLAN bridge is a fake bridge of its
 * parent (no device but its own), a bond is a port and no device, and a tunnel is a port; with bridge
 * semantics a VLAN bridge gets a {@code <nic>.<tag>} device of the parent's NIC as its port and a bond
 * is a device named as its port. Either way one (parent, tag) belongs to one bridge: a second is
 * {@code Vlan_in_use}, and as in the original a bridge that still has ports is only destroyed when forced.
 */
final class SimulatedBridges implements BridgeBackend {
    private final SimulatedHost host;

    SimulatedBridges(SimulatedHost host) {
        this.host = host;
    }

    @Override
    public List<String> list() {
        return host.read(() -> List.copyOf(host.bridges.keySet()));
    }

    @Override
    public BridgeState state(String name) {
        return host.read(() -> {
            SimBridge b = host.bridges.get(name);
            return b == null ? null : b.state(host.devices.get(name).mac);
        });
    }

    @Override
    public void create(String name, Vlan vlan, String mac, Boolean igmpSnooping, Map<String, String> otherConfig) {
        host.change("Bridge.create " + name, () -> {
            if (vlan != null) {
                checkVlan(name, vlan);
            }
            SimBridge b = host.bridges.get(name);
            if (b == null) {
                Device existing = host.devices.get(name);
                if (existing != null) {
                    throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR,
                            "an interface named " + name + " exists and is not a bridge");
                }
                b = new SimBridge(name);
                host.bridges.put(name, b);
                host.devices.put(name, Device.virtual(name, Device.Type.BRIDGE, mac != null ? mac : host.newMac()));
            } else if (mac != null) {
                host.devices.get(name).mac = mac;
            }
            if (!Objects.equals(b.vlan, vlan)) {
                removeVlanDevice(b);
                b.vlan = vlan;
                if (vlan != null && host.kind == Kind.BRIDGE) {
                    addVlanDevice(b, vlan);
                }
            }
            if (igmpSnooping != null) {
                b.igmpSnooping = igmpSnooping;
            }
            if (otherConfig != null) {
                b.otherConfig = Map.copyOf(otherConfig);
            }
        });
    }

    private void checkVlan(String name, Vlan vlan) {
        if (vlan.tag() < 0 || vlan.tag() > 4094) {
            throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR, "VLAN tag out of range: " + vlan.tag());
        }
        SimBridge parent = host.bridge(vlan.parent());
        if (parent.vlan != null) {
            throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR,
                    "the parent " + vlan.parent() + " is itself a VLAN bridge");
        }
        for (SimBridge other : host.bridges.values()) {
            if (!other.name.equals(name) && vlan.equals(other.vlan)) {
                throw NetworkdException.vlanInUse(vlan.parent(), vlan.tag());
            }
        }
    }

    /** Bridge semantics: a VLAN device of the parent's first port (its NIC or bond) becomes the bridge's port. */
    private void addVlanDevice(SimBridge b, Vlan vlan) {
        SimBridge parent = host.bridges.get(vlan.parent());
        var first = parent.ports.entrySet().stream().filter(e -> e.getValue().tunnel() == null).findFirst();
        if (first.isEmpty()) {
            return;
        }
        String lowerName = first.get().getValue().isBond() ? first.get().getKey()
                : first.get().getValue().interfaces().get(0);
        String dev = lowerName + "." + vlan.tag();
        Device lower = host.devices.get(lowerName);
        host.devices.put(dev, new Device(dev, Device.Type.VLAN, lower.mac, "", true, 0, lowerName));
        b.ports.put(dev, PortConfig.of(dev));
    }

    private void removeVlanDevice(SimBridge b) {
        b.ports.entrySet().removeIf(e -> {
            Device d = host.devices.get(e.getKey());
            if (d != null && d.type == Device.Type.VLAN) {
                host.devices.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    @Override
    public void destroy(String name, boolean force) {
        host.change("Bridge.destroy " + name, () -> {
            SimBridge b = host.bridges.get(name);
            if (b == null) {
                return;
            }
            boolean children = host.bridges.values().stream()
                    .anyMatch(o -> o.vlan != null && o.vlan.parent().equals(name));
            boolean ports = b.ports.keySet().stream().anyMatch(p -> {
                Device d = host.devices.get(p);
                return d == null || d.type != Device.Type.VLAN;
            });
            if (!force && (ports || !b.guests.isEmpty() || children)) {
                return;
            }
            for (SimBridge child : List.copyOf(host.bridges.values())) {
                if (child.vlan != null && child.vlan.parent().equals(name)) {
                    remove(child);
                }
            }
            remove(b);
        });
    }

    private void remove(SimBridge b) {
        for (String port : b.ports.keySet()) {
            Device d = host.devices.get(port);
            if (d != null && (d.type == Device.Type.BOND || d.type == Device.Type.VLAN)) {
                host.devices.remove(port);
            }
        }
        host.bridges.remove(b.name);
        host.devices.remove(b.name);
    }

    @Override
    public void addPort(String bridge, String port, PortConfig config) {
        host.change("Bridge.add_port " + bridge + " " + port, () -> {
            SimBridge b = host.bridge(bridge);
            if (config.tunnel() == null) {
                if (config.interfaces().isEmpty()) {
                    throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR, "port " + port + " has no interfaces");
                }
                for (String i : config.interfaces()) {
                    Device d = host.device(i);
                    if (d.type == Device.Type.BRIDGE) {
                        throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR, i + " is a bridge");
                    }
                }
                // An interface belongs to one port: adding it elsewhere moves it, as `ip link set master` does.
                for (SimBridge other : host.bridges.values()) {
                    other.ports.entrySet().removeIf(e -> !(other == b && e.getKey().equals(port))
                            && e.getValue().tunnel() == null
                            && e.getValue().interfaces().stream().anyMatch(config.interfaces()::contains));
                }
            }
            PortConfig old = b.ports.put(port, config);
            if (host.kind == Kind.BRIDGE && config.isBond() && (old == null || !old.isBond())) {
                String mac = config.bondMac() != null ? config.bondMac() : host.device(config.interfaces().get(0)).mac;
                host.devices.put(port, Device.virtual(port, Device.Type.BOND, mac));
            }
        });
    }

    @Override
    public void removePort(String bridge, String port) {
        host.change("Bridge.remove_port " + bridge + " " + port, () -> {
            SimBridge b = host.bridge(bridge);
            if (b.ports.remove(port) != null) {
                Device d = host.devices.get(port);
                if (d != null && (d.type == Device.Type.BOND || d.type == Device.Type.VLAN)) {
                    host.devices.remove(port);
                }
            }
        });
    }

    @Override
    public List<String> interfaces(String bridge) {
        return host.read(() -> {
            SimBridge b = host.bridges.get(bridge);
            if (b == null) {
                return List.of();
            }
            Set<String> all = new LinkedHashSet<>();
            b.ports.forEach((name, port) -> {
                if (port.tunnel() != null) {
                    all.add(name);
                } else {
                    all.addAll(port.interfaces());
                }
            });
            all.addAll(b.guests.keySet());
            return List.copyOf(all);
        });
    }

    @Override
    public List<String> physicalInterfaces(String bridge) {
        return host.read(() -> {
            SimBridge b = host.bridges.get(bridge);
            if (b == null) {
                return List.of();
            }
            if (b.vlan != null) {
                return physical(host.bridges.get(b.vlan.parent()));
            }
            return physical(b);
        });
    }

    private List<String> physical(SimBridge b) {
        List<String> nics = new ArrayList<>();
        if (b == null) {
            return nics;
        }
        for (PortConfig port : b.ports.values()) {
            for (String i : port.interfaces()) {
                Device d = host.devices.get(i);
                if (d == null) {
                    continue;
                }
                if (d.type == Device.Type.PHYSICAL) {
                    nics.add(i);
                } else if (d.type == Device.Type.VLAN && host.devices.containsKey(d.lower)
                        && host.devices.get(d.lower).type == Device.Type.PHYSICAL) {
                    nics.add(d.lower);
                }
            }
        }
        return nics;
    }
}
