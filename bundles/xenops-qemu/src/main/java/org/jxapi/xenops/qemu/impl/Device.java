package org.jxapi.xenops.qemu.impl;

import java.util.LinkedHashMap;
import java.util.Map;

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
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    static Device fromJson(Map<String, Object> m) {
        Device d = new Device(Kind.valueOf(Json.str(m.get("kind"))), Json.str(m.get("name")));
        d.active = Json.bool(m.get("active"));
        d.plugged = Json.bool(m.get("plugged"));
        d.needsUnplug = Json.bool(m.get("needs_unplug"));
        d.qemuId = Json.str(m.get("qemu_id"));
        d.pciSlot = m.containsKey("pci_slot") ? (int) Json.lng(m.get("pci_slot")) : -1;
        d.path = Json.str(m.get("path"));
        d.format = Json.str(m.get("format"));
        d.readOnly = Json.bool(m.get("read_only"));
        d.cdrom = Json.bool(m.get("cdrom"));
        d.bus = Json.str(m.get("bus"));
        d.ideSlot = (int) Json.lng(m.get("ide_slot"));
        d.dp = Json.str(m.get("dp"));
        d.sr = Json.str(m.get("sr"));
        d.vdi = Json.str(m.get("vdi"));
        Json.map(m.get("throttle")).forEach((k, v) -> d.throttle.put(k, Json.lng(v)));
        d.mac = Json.str(m.get("mac"));
        d.model = Json.str(m.get("model"));
        d.netdev = Json.str(m.get("netdev"));
        d.bridge = Json.str(m.get("bridge"));
        d.tap = Json.str(m.get("tap"));
        d.carrier = !m.containsKey("carrier") || Json.bool(m.get("carrier"));
        return d;
    }
}
