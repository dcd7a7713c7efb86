package org.jxapi.xenops.qemu.impl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.xenops.api.LockingMode;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A disk or NIC of a domain as the backend keeps it: whether the toolstack wants it (active) and
 * whether it is connected (plugged), what it is backed by, and its qemu ids. Persisted with its
 * domain; guarded by the domain's lock.
 */
final class Device {
    enum Kind { VBD, VIF }

    final Kind kind;
    final String name;
    boolean active;
    boolean plugged;
    /** The guest or qemu removed it; the toolstack should unplug it. */
    boolean needsUnplug;
    /** The qemu device id (and, for disks, the block node name); stable for the device's life. */
    String qemuId;
    /**
     * The PCI slot of a virtio disk or a NIC, from its position (-1: qemu chooses). Fixed so that
     * a suspend image or migration stream loads into a qemu whatever order its devices were
     * plugged in: qemu matches device state by PCI address.
     */
    int pciSlot = -1;

    // VBD
    String path;
    String format;
    boolean readOnly;
    boolean cdrom;
    String bus;
    int ideSlot;
    /** For a VDI: the storage datapath, SR and VDI it was attached through. */
    String dp;
    String sr;
    String vdi;
    Map<String, Long> throttle = new LinkedHashMap<>();

    // VIF
    String mac;
    String model;
    /** "user" or "tap". */
    String netdev;
    String bridge;
    String tap;
    boolean carrier = true;
    /** The tap is on a bridge of the bound networkd instance, which plugs and unplugs it. */
    boolean switchManaged;
    /** What networkd is given at each plug (a qemu restart makes a new tap). */
    int mtu = 1500;
    long rateKbps;
    LockingMode locking = LockingMode.unlocked();

    Device(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /** Virtio disks at positions 0-7 take slots 8-15, NICs at positions 0-7 slots 16-23; the rest are qemu's. */
    static final int FIRST_DISK_SLOT = 8;
    static final int FIRST_NIC_SLOT = 16;
    static final int SLOTS_PER_KIND = 8;

    static int slotFor(int first, int position) {
        return position >= 0 && position < SLOTS_PER_KIND ? first + position : -1;
    }

    /** The {@code addr} property of the qemu device, when the slot is fixed. */
    void putAddr(Map<String, Object> device) {
        if (pciSlot >= 0) {
            device.put("addr", "0x" + Integer.toHexString(pciSlot));
        }
    }

    boolean hasMedium() {
        return path != null;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name());
        m.put("name", name);
        m.put("active", active);
        m.put("plugged", plugged);
        m.put("needs_unplug", needsUnplug);
        put(m, "qemu_id", qemuId);
        m.put("pci_slot", pciSlot);
        put(m, "path", path);
        put(m, "format", format);
        m.put("read_only", readOnly);
        m.put("cdrom", cdrom);
        put(m, "bus", bus);
        m.put("ide_slot", ideSlot);
        put(m, "dp", dp);
        put(m, "sr", sr);
        put(m, "vdi", vdi);
        m.put("throttle", new LinkedHashMap<>(throttle));
        put(m, "mac", mac);
        put(m, "model", model);
        put(m, "netdev", netdev);
        put(m, "bridge", bridge);
        put(m, "tap", tap);
        m.put("carrier", carrier);
        m.put("switch_managed", switchManaged);
        m.put("mtu", mtu);
        m.put("rate_kbps", rateKbps);
        m.put("locking", locking.kind().name());
        m.put("locking_ipv4", locking.ipv4());
        m.put("locking_ipv6", locking.ipv6());
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    static Device fromJson(JsonNode m) {
        Device d = new Device(Kind.valueOf(m.path("kind").asText(null)), m.path("name").asText(null));
        d.active = m.path("active").booleanValue();
        d.plugged = m.path("plugged").booleanValue();
        d.needsUnplug = m.path("needs_unplug").booleanValue();
        d.qemuId = m.path("qemu_id").asText(null);
        d.pciSlot = m.has("pci_slot") ? (int) m.path("pci_slot").longValue() : -1;
        d.path = m.path("path").asText(null);
        d.format = m.path("format").asText(null);
        d.readOnly = m.path("read_only").booleanValue();
        d.cdrom = m.path("cdrom").booleanValue();
        d.bus = m.path("bus").asText(null);
        d.ideSlot = (int) m.path("ide_slot").longValue();
        d.dp = m.path("dp").asText(null);
        d.sr = m.path("sr").asText(null);
        d.vdi = m.path("vdi").asText(null);
        m.path("throttle").properties().forEach(e -> d.throttle.put(e.getKey(), e.getValue().longValue()));
        d.mac = m.path("mac").asText(null);
        d.model = m.path("model").asText(null);
        d.netdev = m.path("netdev").asText(null);
        d.bridge = m.path("bridge").asText(null);
        d.tap = m.path("tap").asText(null);
        d.carrier = !m.has("carrier") || m.path("carrier").booleanValue();
        d.switchManaged = m.path("switch_managed").booleanValue();
        d.mtu = m.has("mtu") ? m.path("mtu").intValue() : 1500;
        d.rateKbps = m.path("rate_kbps").longValue();
        if (m.has("locking")) {
            d.locking = new LockingMode(LockingMode.Kind.valueOf(m.path("locking").asText()), strings(m.path("locking_ipv4")),
                    strings(m.path("locking_ipv6")));
        }
        return d;
    }

    private static java.util.List<String> strings(JsonNode a) {
        java.util.List<String> l = new java.util.ArrayList<>();
        a.forEach(e -> l.add(e.asText()));
        return l;
    }
}
