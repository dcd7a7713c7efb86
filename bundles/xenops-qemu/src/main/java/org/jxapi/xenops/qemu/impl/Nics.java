package org.jxapi.xenops.qemu.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.json.XenopsJson;

/**
 * NICs in qemu terms: a network backend (a tap device added to the VIF's bridge, or qemu's
 * user-mode network where the bridge does not exist and the settings allow it) and a guest device
 * with the VIF's MAC, virtio-net unless the VIF's {@code other_config:model} names another model.
 */
final class Nics {
    private static final List<String> MODELS = List.of("virtio-net-pci", "e1000", "e1000e", "rtl8139", "vmxnet3",
            "ne2k_pci", "pcnet");

    private Nics() {
    }

    static String deviceId(String name) {
        return "vif-" + DomainTable.safe(name);
    }

    static String netdevId(Device d) {
        return "net-" + d.qemuId.substring("vif-".length());
    }

    static String modelOf(Vif vif) {
        String m = vif.otherConfig().get("model");
        if (m == null) {
            return "virtio-net-pci";
        }
        if (m.equals("virtio") || m.equals("virtio-net")) {
            return "virtio-net-pci";
        }
        if (!MODELS.contains(m)) {
            throw new IllegalArgumentException("unknown NIC model " + m + "; known: " + MODELS);
        }
        return m;
    }

    /** The name of the VIF's local bridge, whatever switch it is on; null for a network of another kind. */
    static String bridgeName(Vif vif) {
        Network n = vif.backend();
        return n.kind() != Network.Kind.LOCAL ? null : n.name();
    }

    /** The Linux bridge the VIF connects to, if it exists on this host (the path without networkd). */
    static String bridgeOf(Vif vif) {
        String n = bridgeName(vif);
        return n != null && Files.isDirectory(Path.of("/sys/class/net", n, "bridge")) ? n : null;
    }

    /** A tap name within Linux's 15 characters: vif<domid>.<position>. */
    static String tapName(int domid, Vif vif) {
        String n = "vif" + domid + "." + vif.position();
        return n.length() <= 15 ? n : n.substring(0, 15);
    }

    static Map<String, Object> netdev(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", d.netdev);
        m.put("id", netdevId(d));
        if (d.netdev.equals("tap")) {
            m.put("ifname", d.tap);
            m.put("script", "no");
            m.put("downscript", "no");
        }
        return m;
    }

    static Map<String, Object> device(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("driver", d.model);
        m.put("netdev", netdevId(d));
        m.put("mac", d.mac);
        m.put("id", d.qemuId);
        d.putAddr(m);
        return m;
    }

    static List<String> commandLine(Device d) {
        List<String> a = new ArrayList<>();
        StringBuilder nd = new StringBuilder(d.netdev + ",id=" + netdevId(d));
        if (d.netdev.equals("tap")) {
            nd.append(",ifname=").append(d.tap).append(",script=no,downscript=no");
        }
        a.add("-netdev");
        a.add(nd.toString());
        a.add("-device");
        a.add(XenopsJson.writeString(device(d)));
        return a;
    }

    static void hotplug(Qmp q, Device d) {
        q.call("netdev_add", netdev(d));
        try {
            q.call("device_add", device(d));
        } catch (RuntimeException e) {
            dropNetdev(q, d);
            throw e;
        }
    }

    static void dropNetdev(Qmp q, Device d) {
        try {
            q.call("netdev_del", Map.of("id", netdevId(d)));
        } catch (QmpException e) {
            // never added, or already gone
        }
    }

    /** Adds the domain's tap devices to their bridges once qemu has made them. */
    static void bridgeTaps(org.jxapi.xenops.spi.Task task, Domain dom, SwitchPorts ports) {
        List<Device> taps;
        synchronized (dom) {
            taps = dom.devices.values().stream()
                    .filter(d -> d.kind == Device.Kind.VIF && d.plugged && "tap".equals(d.netdev)).toList();
        }
        taps.forEach(d -> attach(task, ports, dom.vmId, d));
    }

    /** Puts one tap qemu has made on its bridge: through networkd where it manages the bridge, else ip link. */
    static void attach(org.jxapi.xenops.spi.Task task, SwitchPorts ports, String vmId, Device d) {
        if (d.switchManaged) {
            ports.plug(vmId, d);
        } else {
            bridge(task, d);
        }
    }

    static void bridge(org.jxapi.xenops.spi.Task task, Device d) {
        org.jxapi.xenops.spi.Task.ProcessResult r = task.run(new ProcessBuilder("ip", "link", "set", "dev", d.tap,
                "master", d.bridge, "up"));
        if (r.exitCode() != 0) {
            throw org.jxapi.xenops.api.XenopsException.internal("cannot add " + d.tap + " to bridge " + d.bridge
                    + ": " + r.output().trim());
        }
    }

    static void setLink(Qmp q, Device d, boolean up) {
        q.call("set_link", Map.of("name", d.qemuId, "up", up));
    }
}
