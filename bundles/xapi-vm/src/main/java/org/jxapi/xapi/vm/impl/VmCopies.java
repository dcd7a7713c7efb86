package org.jxapi.xapi.vm.impl;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xapi.storage.api.XapiStorage;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.VbdType;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VdiType;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * VM.clone and VM.snapshot (the original's xapi_vm_clone: the VM's record copied, its disks
 * cloned or snapshotted one by one through storage, CD drives keeping their media), VM.revert
 * (xapi_vm_snapshot: the VM's disks replaced by clones of the snapshot's) and VM.provision
 * (xapi_templates: the disks a template's other_config:disks describes made and attached).
 */
final class VmCopies {
    private static final Logger LOG = LoggerFactory.getLogger(VmCopies.class);

    enum Kind { CLONE, SNAPSHOT }

    /** VM fields a copy does not take from its source. */
    private static final Set<String> NOT_COPIED = Set.of("uuid", "allowed_operations", "current_operations",
            "resident_on", "scheduled_to_be_resident_on", "domid", "metrics", "guest_metrics", "consoles", "VIFs",
            "VBDs", "VUSBs", "VTPMs", "VGPUs", "crash_dumps", "attached_PCIs", "snapshots", "children", "blobs",
            "is_default_template", "is_a_snapshot", "snapshot_of", "snapshot_time", "snapshot_info", "parent",
            "suspend_VDI", "power_state", "name_label", "is_control_domain");

    private final XenopsBridge bridge;
    private final XapiStorage storage;

    VmCopies(XenopsBridge bridge, XapiStorage storage) {
        this.bridge = bridge;
        this.storage = storage;
    }

    /** A clone or snapshot of {@code vm} named {@code name}; disks in {@code ignore} are left out of a snapshot. */
    Ref<Vm> copy(Ref<Vm> vm, String name, Kind kind, Set<Ref<Vdi>> ignore) {
        Snapshot s = bridge.db.snapshot();
        Row src = s.require("VM", vm);
        List<Row> vbds = new ArrayList<>();
        for (Object o : (Set<?>) src.get("VBDs")) {
            Row vbd = s.row("VBD", (Ref<?>) o);
            if (vbd != null && !(kind == Kind.SNAPSHOT && ignore.contains(vbd.get("VDI")))) {
                vbds.add(vbd);
            }
        }
        Map<Ref<?>, Ref<?>> newDisks = new LinkedHashMap<>();
        List<Ref<Vdi>> made = new ArrayList<>();
        try {
            int i = 0;
            for (Row vbd : vbds) {
                Ref<?> vdi = (Ref<?>) vbd.get("VDI");
                if (Boolean.TRUE.equals(vbd.get("empty")) || vdi.isNull() || s.row("VDI", vdi) == null) {
                    newDisks.put(vbd.ref(), Ref.nullRef());
                } else if (vbd.get("type") == VbdType.CD) {
                    newDisks.put(vbd.ref(), vdi);
                } else {
                    Map<String, String> hint = Map.of("vmhint", src.uuid());
                    Ref<Vdi> n = kind == Kind.SNAPSHOT ? storage.snapshotVdi(vdi.cast(), hint)
                            : storage.cloneVdi(vdi.cast(), hint);
                    made.add(n);
                    newDisks.put(vbd.ref(), n);
                }
                var call = bridge.call();
                if (call != null) {
                    call.progress((double) ++i / vbds.size());
                }
            }
        } catch (RuntimeException e) {
            made.forEach(v -> destroyQuietly(v));
            throw e;
        }
        return bridge.db.write(tx -> {
            Ref<Vm> n = tx.create("VM", vmFields(tx, src, name, kind));
            for (Row vbd : vbds) {
                copyVbd(tx, vbd, n, newDisks.get(vbd.ref()));
            }
            for (Object o : (Set<?>) src.get("VIFs")) {
                Row vif = tx.row("VIF", (Ref<?>) o);
                if (vif != null) {
                    copyVif(tx, vif, n, kind == Kind.CLONE);
                }
            }
            VmStates.allowed(tx, n);
            return n;
        });
    }

    private void destroyQuietly(Ref<Vdi> v) {
        try {
            storage.destroyVdi(v);
        } catch (RuntimeException e) {
            LOG.warn("could not remove VDI {} after a failed copy: {}", v, e.toString());
        }
    }

    private static Map<String, Object> vmFields(Reader r, Row src, String name, Kind kind) {
        ClassMeta meta = Model.clazz("VM");
        Map<String, Object> f = new LinkedHashMap<>();
        for (FieldMeta fm : meta.fields()) {
            if (!NOT_COPIED.contains(fm.name())) {
                f.put(fm.name(), src.get(fm.name()));
            }
        }
        boolean snapshot = kind == Kind.SNAPSHOT;
        Map<String, String> oc = new LinkedHashMap<>();
        ((Map<?, ?>) src.get("other_config")).forEach((k, v) -> oc.put(k.toString(), v.toString()));
        if (!snapshot) {
            oc.put("mac_seed", UUID.randomUUID().toString());
        }
        oc.remove("default_template");
        oc.remove("xensource_internal");
        if (Boolean.TRUE.equals(src.get("is_a_template")) && !oc.containsKey("base_template_name")) {
            oc.put("base_template_name", (String) src.get("name_label"));
        }
        f.put("other_config", oc);
        f.put("name_label", name);
        f.put("power_state", snapshot ? VmPowerState.HALTED : VmPowerState.HALTED);
        f.put("is_a_template", snapshot || Boolean.TRUE.equals(src.get("is_a_template")));
        f.put("is_default_template", false);
        f.put("is_a_snapshot", snapshot);
        f.put("snapshot_of", snapshot ? src.ref() : Ref.nullRef());
        f.put("snapshot_time", snapshot ? Instant.now() : Instant.EPOCH);
        f.put("parent", snapshot ? src.get("parent") : Ref.nullRef());
        f.put("domid", -1L);
        f.put("resident_on", Ref.nullRef());
        f.put("reference_label", snapshot ? src.get("reference_label") : "");
        if (snapshot) {
            f.put("snapshot_info", Values.mapOf("power-state-at-snapshot",
                    ((VmPowerState) src.get("power_state")).wireName(), "disk-snapshot-type", "crash_consistent"));
        } else {
            f.put("generation_id", "0:0");
        }
        return f;
    }

    private static void copyVbd(WriteTransaction tx, Row vbd, Ref<?> vm, Ref<?> vdi) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String k : new String[] {"userdevice", "bootable", "mode", "type", "unpluggable", "other_config",
                "qos_algorithm_type", "qos_algorithm_params"}) {
            f.put(k, vbd.get(k));
        }
        f.put("VM", vm);
        f.put("VDI", vdi);
        f.put("empty", vdi.isNull());
        f.put("device", vbd.get("device"));
        f.put("currently_attached", false);
        Ref<?> n = tx.create("VBD", f);
        VbdChecks.refresh(tx, n);
    }

    private static void copyVif(WriteTransaction tx, Row vif, Ref<?> vm, boolean newMac) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String k : new String[] {"device", "network", "MTU", "other_config", "qos_algorithm_type",
                "qos_algorithm_params", "locking_mode", "ipv4_allowed", "ipv6_allowed", "MAC"}) {
            f.put(k, vif.get(k));
        }
        if (newMac) {
            f.put("MAC", randomMac());
            f.put("MAC_autogenerated", true);
        }
        f.put("VM", vm);
        f.put("currently_attached", false);
        tx.create("VIF", f);
    }

    static String randomMac() {
        byte[] b = new byte[6];
        new java.security.SecureRandom().nextBytes(b);
        // Locally administered and unicast, as the original's generated MACs.
        b[0] = (byte) ((b[0] & 0xfc) | 0x02);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    // ---- revert

    /**
     * VM.revert: the VM the snapshot was taken of gets the snapshot's settings back, loses the
     * disks it has (destroyed) and gets clones of the snapshot's; it keeps its uuid and reference.
     * A running VM is shut down hard first, as the original reverts to a halted snapshot.
     */
    void revert(Ref<Vm> snapshot, VmMessages vms) {
        Snapshot s = bridge.db.snapshot();
        Row snap = s.require("VM", snapshot);
        Ref<?> target = (Ref<?>) snap.get("snapshot_of");
        Row vm = target.isNull() ? null : s.row("VM", target);
        if (vm == null) {
            throw ErrorCodes.VM_REVERT_FAILED.error(target.handle(), snapshot.handle());
        }
        VmPowerState p = (VmPowerState) vm.get("power_state");
        if (p != VmPowerState.HALTED) {
            vms.hardShutdown(null, target.cast());
            vm = bridge.db.snapshot().require("VM", target);
        }
        // Clone the snapshot's disks first: a failure leaves the VM as it was.
        Map<Ref<?>, Ref<?>> clones = new LinkedHashMap<>();
        List<Ref<Vdi>> made = new ArrayList<>();
        List<Row> snapVbds = new ArrayList<>();
        try {
            for (Object o : (Set<?>) snap.get("VBDs")) {
                Row vbd = s.row("VBD", (Ref<?>) o);
                if (vbd == null) {
                    continue;
                }
                snapVbds.add(vbd);
                Ref<?> vdi = (Ref<?>) vbd.get("VDI");
                if (Boolean.TRUE.equals(vbd.get("empty")) || vdi.isNull() || vbd.get("type") == VbdType.CD) {
                    clones.put(vbd.ref(), vdi);
                } else {
                    Ref<Vdi> c = storage.cloneVdi(vdi.cast(), Map.of());
                    made.add(c);
                    clones.put(vbd.ref(), c);
                }
            }
        } catch (RuntimeException e) {
            made.forEach(this::destroyQuietly);
            throw ErrorCodes.VM_REVERT_FAILED.error(target.handle(), snapshot.handle());
        }
        Row before = vm;
        List<Ref<Vdi>> old = new ArrayList<>();
        for (Object o : (Set<?>) before.get("VBDs")) {
            Row vbd = s.row("VBD", (Ref<?>) o);
            if (vbd != null && vbd.get("type") != VbdType.CD && !((Ref<?>) vbd.get("VDI")).isNull()
                    && !Boolean.TRUE.equals(vbd.get("empty"))) {
                old.add(((Ref<?>) vbd.get("VDI")).cast());
            }
        }
        bridge.db.write(tx -> {
            Row now = tx.require("VM", target);
            for (Object o : (Set<?>) now.get("VBDs")) {
                tx.destroy("VBD", (Ref<?>) o);
            }
            for (Object o : (Set<?>) now.get("VIFs")) {
                tx.destroy("VIF", (Ref<?>) o);
            }
            for (Row vbd : snapVbds) {
                copyVbd(tx, vbd, target, clones.get(vbd.ref()));
            }
            for (Object o : (Set<?>) snap.get("VIFs")) {
                Row vif = tx.row("VIF", (Ref<?>) o);
                if (vif != null) {
                    copyVif(tx, vif, target, false);
                }
            }
            for (String f : List.of("memory_static_max", "memory_static_min", "memory_dynamic_max",
                    "memory_dynamic_min", "VCPUs_max", "VCPUs_at_startup", "VCPUs_params", "platform", "PV_args",
                    "PV_kernel", "PV_ramdisk", "PV_bootloader", "PV_bootloader_args", "PV_legacy_args",
                    "HVM_boot_params", "HVM_boot_policy", "domain_type", "actions_after_shutdown",
                    "actions_after_reboot", "actions_after_crash", "xenstore_data", "other_config",
                    "name_description", "HVM_shadow_multiplier", "has_vendor_device")) {
                VmStates.set(tx, "VM", target, now, f, snap.get(f));
            }
            VmStates.allowed(tx, target);
            return null;
        });
        for (Ref<Vdi> v : old) {
            destroyQuietly(v);
        }
    }

    // ---- provision

    /** One disk of a template's {@code other_config:disks}. */
    record DiskSpec(String device, long size, String sr, boolean bootable, VdiType type) { }

    static List<DiskSpec> disks(String xml) {
        List<DiskSpec> out = new ArrayList<>();
        if (xml == null || xml.isBlank()) {
            return out;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
            if (!root.getTagName().equals("provision")) {
                throw new IllegalArgumentException("not a provision element");
            }
            NodeList ds = root.getElementsByTagName("disk");
            for (int i = 0; i < ds.getLength(); i++) {
                Element d = (Element) ds.item(i);
                VdiType t = d.hasAttribute("type") ? VdiType.fromWire(d.getAttribute("type")) : VdiType.SYSTEM;
                out.add(new DiskSpec(d.getAttribute("device"), Long.parseLong(d.getAttribute("size")),
                        d.getAttribute("sr"), "true".equals(d.getAttribute("bootable")),
                        t == null ? VdiType.SYSTEM : t));
            }
            return out;
        } catch (Exception e) {
            throw ErrorCodes.INTERNAL_ERROR.error("cannot parse other_config:disks: " + e.getMessage());
        }
    }

    /**
     * VM.provision: the template becomes a VM (is_a_template false), then each disk of its
     * other_config:disks is made in its SR (by uuid; an empty one means the pool's default SR)
     * and attached by a new VBD; the install keys go from other_config. If a disk cannot be
     * made, the disks and VBDs already made are removed.
     */
    void provision(Ref<Vm> vm) {
        Row row = bridge.db.write(tx -> {
            tx.set("VM", vm, "is_a_template", false);
            VmStates.allowed(tx, vm);
            return tx.require("VM", vm);
        });
        List<DiskSpec> specs = disks((String) ((Map<?, ?>) row.get("other_config")).get("disks"));
        List<Ref<Vdi>> made = new ArrayList<>();
        List<Ref<?>> vbds = new ArrayList<>();
        try {
            for (DiskSpec d : specs) {
                Ref<?> sr = srOf(bridge.db.snapshot(), d.sr());
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("SR", sr);
                f.put("name_label", "");
                f.put("name_description", "Created by template provisioner");
                f.put("virtual_size", d.size());
                f.put("type", d.type());
                f.put("sm_config", Map.of("vmhint", row.uuid()));
                Ref<Vdi> vdi = storage.createVdi(f);
                made.add(vdi);
                vbds.add(bridge.db.write(tx -> {
                    Ref<?> vbd = tx.create("VBD", Map.of("VM", vm, "VDI", vdi, "userdevice", d.device(), "bootable",
                            d.bootable(), "mode", VbdMode.RW, "type", VbdType.DISK, "unpluggable",
                            d.type() != VdiType.SYSTEM, "empty", false, "other_config", Map.of("owner", "")));
                    VbdChecks.refresh(tx, vbd);
                    tx.set("VDI", vdi, "name_label", d.device());
                    return vbd;
                }));
            }
        } catch (RuntimeException e) {
            bridge.db.write(tx -> {
                vbds.forEach(v -> {
                    if (tx.row("VBD", v) != null) {
                        tx.destroy("VBD", v);
                    }
                });
                return null;
            });
            made.forEach(this::destroyQuietly);
            throw e;
        }
        bridge.db.write(tx -> {
            tx.removeFromMap("VM", vm, "other_config", "disks");
            tx.removeFromMap("VM", vm, "other_config", "postinstall");
            return null;
        });
    }

    private static Ref<?> srOf(Reader r, String sr) {
        if (sr == null || sr.isEmpty()) {
            for (Row pool : r.table("pool")) {
                Ref<?> d = (Ref<?>) pool.get("default_SR");
                if (!d.isNull() && r.row("SR", d) != null) {
                    return d;
                }
            }
            throw ErrorCodes.UUID_INVALID.error("sr", sr == null ? "" : sr);
        }
        Row row = r.table("SR").byUuid(sr);
        if (row == null) {
            // The original also accepts an SR's name.
            List<Row> byName = r.table("SR").byNameLabel(sr);
            if (byName.isEmpty()) {
                throw ErrorCodes.UUID_INVALID.error("sr", sr);
            }
            row = byName.get(0);
        }
        return row.ref();
    }

    static Set<String> usedUserdevices(Reader r, Ref<?> vm) {
        Set<String> used = new HashSet<>();
        for (Object o : (Set<?>) r.require("VM", vm).get("VBDs")) {
            Row vbd = r.row("VBD", (Ref<?>) o);
            if (vbd != null) {
                used.add((String) vbd.get("userdevice"));
            }
        }
        return used;
    }
}
