package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.json.XenopsJson;

/**
 * Disks and CD drives in qemu terms: a block node per medium (format driver over a file or host
 * device) and a guest device, virtio-blk for paravirtual disks, ide-hd and ide-cd for emulated
 * ones. The same description serves the command line and QMP hot-plug.
 */
final class Disks {
    private Disks() {
    }

    static String deviceId(String name) {
        return "vbd-" + DomainTable.safe(name);
    }

    static String nodeName(Device d) {
        return "node-" + d.qemuId.substring("vbd-".length());
    }

    /** Chooses the guest bus: CD drives and disks at an IDE position are emulated; the rest is virtio. */
    static String busFor(Vbd vbd) {
        if (vbd.type() != Vbd.Type.DISK) {
            return "ide";
        }
        DeviceNumber p = vbd.position();
        if (p != null && p.bus() == DeviceNumber.Bus.IDE) {
            return "ide";
        }
        String wanted = vbd.extraPrivateKeys().get("qemu-bus");
        return wanted != null && (wanted.equals("ide") || wanted.equals("virtio")) ? wanted : "virtio";
    }

    /** The IDE position (bus ide.N, unit U) of an emulated device: the VBD's disk number, 0-3. */
    static int ideSlot(Vbd vbd, Device dev) {
        DeviceNumber p = vbd.position();
        if (p != null && p.disk() < 4) {
            return p.disk();
        }
        return dev.cdrom ? 3 : 0;
    }

    /** "qcow2" when the file starts with qcow2's magic, else "raw". */
    static String probeFormat(Path path) {
        if (!Files.isRegularFile(path)) {
            return "raw";
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I' && (magic[3] & 0xff) == 0xfb
                    ? "qcow2" : "raw";
        } catch (IOException e) {
            return "raw";
        }
    }

    /** qemu's "file" driver takes regular files only; devices need "host_device". */
    static String protocolFor(Path path) {
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class);
            return a.isRegularFile() ? "file" : "host_device";
        } catch (IOException | UnsupportedOperationException e) {
            return "file";
        }
    }

    static Map<String, Object> blockdev(Device d) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("driver", protocolFor(Path.of(d.path)));
        file.put("filename", d.path);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("driver", d.format == null ? "raw" : d.format);
        node.put("node-name", nodeName(d));
        node.put("read-only", d.readOnly || d.cdrom);
        node.put("file", file);
        return node;
    }

    static Map<String, Object> device(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d.bus.equals("ide")) {
            int slot = d.ideSlot;
            m.put("driver", d.cdrom ? "ide-cd" : "ide-hd");
            m.put("bus", "ide." + (slot / 2));
            m.put("unit", slot % 2);
        } else {
            m.put("driver", "virtio-blk-pci");
            d.putAddr(m);
        }
        if (d.hasMedium()) {
            m.put("drive", nodeName(d));
        }
        m.put("id", d.qemuId);
        return m;
    }

    static List<String> commandLine(Device d) {
        List<String> a = new ArrayList<>();
        if (d.hasMedium()) {
            a.add("-blockdev");
            a.add(XenopsJson.writeString(blockdev(d)));
        }
        a.add("-device");
        a.add(XenopsJson.writeString(device(d)));
        return a;
    }

    static void hotplug(Qmp q, Device d) {
        if (d.bus.equals("ide")) {
            throw new QmpException("device_add", "Unsupported", "emulated IDE devices cannot be hot-plugged");
        }
        q.call("blockdev-add", blockdev(d));
        try {
            q.call("device_add", device(d));
        } catch (RuntimeException e) {
            dropNode(q, d);
            throw e;
        }
    }

    /** Removes the block node once the guest device has gone; a node already gone is fine. */
    static void dropNode(Qmp q, Device d) {
        try {
            q.call("blockdev-del", Map.of("node-name", nodeName(d)));
        } catch (QmpException e) {
            // it was never added, or went with its device
        }
    }

    static void insert(Qmp q, Device d) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("id", d.qemuId);
        args.put("filename", d.path);
        args.put("format", d.format == null ? "raw" : d.format);
        args.put("read-only-mode", "read-only");
        q.call("blockdev-change-medium", args);
    }

    static void eject(Qmp q, Device d) {
        q.call("eject", Map.of("id", d.qemuId, "force", true));
    }

    /**
     * The QOM path of the device that owns the block backend: an emulated drive owns it, a
     * virtio-blk PCI device holds it in its inner virtio device.
     */
    static String backendOwner(Device d) {
        return d.bus.equals("ide") ? d.qemuId : "/machine/peripheral/" + d.qemuId + "/virtio-backend";
    }

    /** Applies the device's I/O limits (0 means unlimited) with qemu's throttling. */
    static void throttle(Qmp q, Device d) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("id", backendOwner(d));
        for (String k : List.of("bps", "bps_rd", "bps_wr", "iops", "iops_rd", "iops_wr")) {
            args.put(k, d.throttle.getOrDefault(k, 0L));
        }
        q.call("block_set_io_throttle", args);
    }

    /**
     * The I/O limits a VBD asks for in its extra backend keys ({@code qos.bps}, {@code qos.iops},
     * {@code qos.bps_rd}, ...), as qemu's throttle parameters.
     */
    static Map<String, Long> throttleOf(Vbd vbd) {
        Map<String, Long> t = new LinkedHashMap<>();
        vbd.extraBackendKeys().forEach((k, v) -> {
            if (k.startsWith("qos.")) {
                String name = k.substring(4);
                if (List.of("bps", "bps_rd", "bps_wr", "iops", "iops_rd", "iops_wr").contains(name)) {
                    try {
                        t.put(name, Long.parseLong(v.trim()));
                    } catch (NumberFormatException e) {
                        // not a number: no limit
                    }
                }
            }
        });
        return t;
    }
}
