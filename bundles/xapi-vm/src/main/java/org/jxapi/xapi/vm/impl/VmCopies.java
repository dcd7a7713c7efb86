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
import org.jxapi.xenapi.model.Field;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.Pool;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.VbdType;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VdiType;
import org.jxapi.xenapi.model.types.Vif;
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
    private static final Set<String> NOT_COPIED = Set.of(
            Vm.Fields.UUID.name(), Vm.Fields.ALLOWED_OPERATIONS.name(), Vm.Fields.CURRENT_OPERATIONS.name(),
            Vm.Fields.RESIDENT_ON.name(), Vm.Fields.SCHEDULED_TO_BE_RESIDENT_ON.name(), Vm.Fields.DOMID.name(), Vm.Fields.METRICS.name(), Vm.Fields.GUEST_METRICS.name(), Vm.Fields.CONSOLES.name(), Vm.Fields.VIFS.name(),
            Vm.Fields.VBDS.name(), Vm.Fields.VUSBS.name(), Vm.Fields.VTPMS.name(), Vm.Fields.VGPUS.name(), Vm.Fields.CRASH_DUMPS.name(), Vm.Fields.ATTACHED_PCIS.name(), Vm.Fields.SNAPSHOTS.name(), Vm.Fields.CHILDREN.name(), Vm.Fields.BLOBS.name(),
            Vm.Fields.IS_DEFAULT_TEMPLATE.name(), Vm.Fields.IS_A_SNAPSHOT.name(), Vm.Fields.SNAPSHOT_OF.name(), Vm.Fields.SNAPSHOT_TIME.name(), Vm.Fields.SNAPSHOT_INFO.name(), Vm.Fields.PARENT.name(),
            Vm.Fields.SUSPEND_VDI.name(), Vm.Fields.POWER_STATE.name(), Vm.Fields.NAME_LABEL.name(), Vm.Fields.IS_CONTROL_DOMAIN.name());

    /** What a revert takes back from the snapshot. */
    private static final List<Field<Vm, ?>> REVERTED = List.of(Vm.Fields.MEMORY_STATIC_MAX, Vm.Fields.MEMORY_STATIC_MIN,
            Vm.Fields.MEMORY_DYNAMIC_MAX, Vm.Fields.MEMORY_DYNAMIC_MIN, Vm.Fields.VCPUS_MAX, Vm.Fields.VCPUS_AT_STARTUP,
            Vm.Fields.VCPUS_PARAMS, Vm.Fields.PLATFORM, Vm.Fields.PV_ARGS, Vm.Fields.PV_KERNEL, Vm.Fields.PV_RAMDISK,
            Vm.Fields.PV_BOOTLOADER, Vm.Fields.PV_BOOTLOADER_ARGS, Vm.Fields.PV_LEGACY_ARGS, Vm.Fields.HVM_BOOT_PARAMS,
            Vm.Fields.HVM_BOOT_POLICY, Vm.Fields.DOMAIN_TYPE, Vm.Fields.ACTIONS_AFTER_SHUTDOWN,
            Vm.Fields.ACTIONS_AFTER_REBOOT, Vm.Fields.ACTIONS_AFTER_CRASH, Vm.Fields.XENSTORE_DATA,
            Vm.Fields.OTHER_CONFIG, Vm.Fields.NAME_DESCRIPTION, Vm.Fields.HVM_SHADOW_MULTIPLIER,
            Vm.Fields.HAS_VENDOR_DEVICE);

    private final XenopsBridge bridge;
    private final XapiStorage storage;

    VmCopies(XenopsBridge bridge, XapiStorage storage) {
        this.bridge = bridge;
        this.storage = storage;
    }

    /** A clone or snapshot of {@code vm} named {@code name}; disks in {@code ignore} are left out of a snapshot. */
    Ref<Vm> copy(Ref<Vm> vm, String name, Kind kind, Set<Ref<Vdi>> ignore) {
        Snapshot s = bridge.db.snapshot();
        Row src = s.require(Vm.CLASS, vm);
        List<Row> vbds = new ArrayList<>();
        for (Object o : (Set<?>) src.get(Vm.Fields.VBDS)) {
            Row vbd = s.row(Vbd.CLASS, (Ref<?>) o);
            if (vbd != null && !(kind == Kind.SNAPSHOT && ignore.contains(vbd.get(Vbd.Fields.VDI)))) {
                vbds.add(vbd);
            }
        }
        Map<Ref<?>, Ref<?>> newDisks = new LinkedHashMap<>();
        List<Ref<Vdi>> made = new ArrayList<>();
        try {
            int i = 0;
            for (Row vbd : vbds) {
                Ref<?> vdi = (Ref<?>) vbd.get(Vbd.Fields.VDI);
                if (Boolean.TRUE.equals(vbd.get(Vbd.Fields.EMPTY)) || vdi.isNull() || s.row(Vdi.CLASS, vdi) == null) {
                    newDisks.put(vbd.ref(), Ref.nullRef());
                } else if (vbd.get(Vbd.Fields.TYPE) == VbdType.CD) {
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
            Ref<Vm> n = tx.create(Vm.CLASS.name(), vmFields(tx, src, name, kind));
            for (Row vbd : vbds) {
                copyVbd(tx, vbd, n, newDisks.get(vbd.ref()));
            }
            for (Object o : (Set<?>) src.get(Vm.Fields.VIFS)) {
                Row vif = tx.row(Vif.CLASS, (Ref<?>) o);
                if (vif != null) {
                    copyVif(tx, vif, n, kind == Kind.CLONE);
                }
            }
            VmStates.allowed(tx, n);
            return n;
        });
    }

    private static <V> void revert(WriteTransaction tx, Ref<?> target, Row now, Row snap, Field<Vm, V> field) {
        VmStates.set(tx, target, now, field, snap.get(field));
    }

    private void destroyQuietly(Ref<Vdi> v) {
        try {
            storage.destroyVdi(v);
        } catch (RuntimeException e) {
            LOG.warn("could not remove VDI {} after a failed copy: {}", v, e.toString());
        }
    }

    private static Map<String, Object> vmFields(Reader r, Row src, String name, Kind kind) {
        ClassMeta meta = Vm.CLASS.meta();
        Map<String, Object> f = new LinkedHashMap<>();
        for (FieldMeta fm : meta.fields()) {
            if (!NOT_COPIED.contains(fm.name())) {
                f.put(fm.name(), src.get(fm.name()));
            }
        }
        boolean snapshot = kind == Kind.SNAPSHOT;
        Map<String, String> oc = new LinkedHashMap<>();
        ((Map<?, ?>) src.get(Vm.Fields.OTHER_CONFIG)).forEach((k, v) -> oc.put(k.toString(), v.toString()));
        if (!snapshot) {
            oc.put("mac_seed", UUID.randomUUID().toString());
        }
        oc.remove("default_template");
        oc.remove("xensource_internal");
        if (Boolean.TRUE.equals(src.get(Vm.Fields.IS_A_TEMPLATE)) && !oc.containsKey("base_template_name")) {
            oc.put("base_template_name", (String) src.get(Vm.Fields.NAME_LABEL));
        }
        f.put(Vm.Fields.OTHER_CONFIG.name(), oc);
        f.put(Vm.Fields.NAME_LABEL.name(), name);
        f.put(Vm.Fields.POWER_STATE.name(), snapshot ? VmPowerState.HALTED : VmPowerState.HALTED);
        f.put(Vm.Fields.IS_A_TEMPLATE.name(), snapshot || Boolean.TRUE.equals(src.get(Vm.Fields.IS_A_TEMPLATE)));
        f.put(Vm.Fields.IS_DEFAULT_TEMPLATE.name(), false);
        f.put(Vm.Fields.IS_A_SNAPSHOT.name(), snapshot);
        f.put(Vm.Fields.SNAPSHOT_OF.name(), snapshot ? src.ref() : Ref.nullRef());
        f.put(Vm.Fields.SNAPSHOT_TIME.name(), snapshot ? Instant.now() : Instant.EPOCH);
        f.put(Vm.Fields.PARENT.name(), snapshot ? src.get(Vm.Fields.PARENT) : Ref.nullRef());
        f.put(Vm.Fields.DOMID.name(), -1L);
        f.put(Vm.Fields.RESIDENT_ON.name(), Ref.nullRef());
        f.put(Vm.Fields.REFERENCE_LABEL.name(), snapshot ? src.get(Vm.Fields.REFERENCE_LABEL) : "");
        if (snapshot) {
            f.put(Vm.Fields.SNAPSHOT_INFO.name(), Values.mapOf("power-state-at-snapshot",
                    ((VmPowerState) src.get(Vm.Fields.POWER_STATE)).wireName(), "disk-snapshot-type", "crash_consistent"));
        } else {
            f.put(Vm.Fields.GENERATION_ID.name(), "0:0");
        }
        return f;
    }

    private static void copyVbd(WriteTransaction tx, Row vbd, Ref<?> vm, Ref<?> vdi) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (Field<Vbd, ?> k : List.of(Vbd.Fields.USERDEVICE, Vbd.Fields.BOOTABLE, Vbd.Fields.MODE, Vbd.Fields.TYPE,
                Vbd.Fields.UNPLUGGABLE, Vbd.Fields.OTHER_CONFIG, Vbd.Fields.QOS_ALGORITHM_TYPE,
                Vbd.Fields.QOS_ALGORITHM_PARAMS)) {
            f.put(k.name(), vbd.get(k));
        }
        f.put(Vbd.Fields.VM.name(), vm);
        f.put(Vbd.Fields.VDI.name(), vdi);
        f.put(Vbd.Fields.EMPTY.name(), vdi.isNull());
        f.put(Vbd.Fields.DEVICE.name(), vbd.get(Vbd.Fields.DEVICE));
        f.put(Vbd.Fields.CURRENTLY_ATTACHED.name(), false);
        Ref<?> n = tx.create(Vbd.CLASS.name(), f);
        VbdChecks.refresh(tx, n);
    }

    private static void copyVif(WriteTransaction tx, Row vif, Ref<?> vm, boolean newMac) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (Field<Vif, ?> k : List.of(Vif.Fields.DEVICE, Vif.Fields.NETWORK, Vif.Fields.MTU, Vif.Fields.OTHER_CONFIG,
                Vif.Fields.QOS_ALGORITHM_TYPE, Vif.Fields.QOS_ALGORITHM_PARAMS, Vif.Fields.LOCKING_MODE,
                Vif.Fields.IPV4_ALLOWED, Vif.Fields.IPV6_ALLOWED, Vif.Fields.MAC)) {
            f.put(k.name(), vif.get(k));
        }
        if (newMac) {
            f.put(Vif.Fields.MAC.name(), randomMac());
            f.put(Vif.Fields.MAC_AUTOGENERATED.name(), true);
        }
        f.put(Vif.Fields.VM.name(), vm);
        f.put(Vif.Fields.CURRENTLY_ATTACHED.name(), false);
        tx.create(Vif.CLASS.name(), f);
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
        Row snap = s.require(Vm.CLASS, snapshot);
        Ref<?> target = (Ref<?>) snap.get(Vm.Fields.SNAPSHOT_OF);
        Row vm = target.isNull() ? null : s.row(Vm.CLASS, target);
        if (vm == null) {
            throw ErrorCodes.VM_REVERT_FAILED.error(target.handle(), snapshot.handle());
        }
        VmPowerState p = (VmPowerState) vm.get(Vm.Fields.POWER_STATE);
        if (p != VmPowerState.HALTED) {
            vms.hardShutdown(null, target.cast());
            vm = bridge.db.snapshot().require(Vm.CLASS, target);
        }
        // Clone the snapshot's disks first: a failure leaves the VM as it was.
        Map<Ref<?>, Ref<?>> clones = new LinkedHashMap<>();
        List<Ref<Vdi>> made = new ArrayList<>();
        List<Row> snapVbds = new ArrayList<>();
        try {
            for (Object o : (Set<?>) snap.get(Vm.Fields.VBDS)) {
                Row vbd = s.row(Vbd.CLASS, (Ref<?>) o);
                if (vbd == null) {
                    continue;
                }
                snapVbds.add(vbd);
                Ref<?> vdi = (Ref<?>) vbd.get(Vbd.Fields.VDI);
                if (Boolean.TRUE.equals(vbd.get(Vbd.Fields.EMPTY)) || vdi.isNull() || vbd.get(Vbd.Fields.TYPE) == VbdType.CD) {
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
        for (Object o : (Set<?>) before.get(Vm.Fields.VBDS)) {
            Row vbd = s.row(Vbd.CLASS, (Ref<?>) o);
            if (vbd != null && vbd.get(Vbd.Fields.TYPE) != VbdType.CD && !((Ref<?>) vbd.get(Vbd.Fields.VDI)).isNull()
                    && !Boolean.TRUE.equals(vbd.get(Vbd.Fields.EMPTY))) {
                old.add(((Ref<?>) vbd.get(Vbd.Fields.VDI)).cast());
            }
        }
        bridge.db.write(tx -> {
            Row now = tx.require(Vm.CLASS, target);
            for (Object o : (Set<?>) now.get(Vm.Fields.VBDS)) {
                tx.destroy(Vbd.CLASS, (Ref<?>) o);
            }
            for (Object o : (Set<?>) now.get(Vm.Fields.VIFS)) {
                tx.destroy(Vif.CLASS, (Ref<?>) o);
            }
            for (Row vbd : snapVbds) {
                copyVbd(tx, vbd, target, clones.get(vbd.ref()));
            }
            for (Object o : (Set<?>) snap.get(Vm.Fields.VIFS)) {
                Row vif = tx.row(Vif.CLASS, (Ref<?>) o);
                if (vif != null) {
                    copyVif(tx, vif, target, false);
                }
            }
            for (Field<Vm, ?> f : REVERTED) {
                revert(tx, target, now, snap, f);
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
            tx.set(Vm.Fields.IS_A_TEMPLATE, vm, false);
            VmStates.allowed(tx, vm);
            return tx.require(Vm.CLASS, vm);
        });
        List<DiskSpec> specs = disks((String) row.get(Vm.Fields.OTHER_CONFIG).get("disks"));
        List<Ref<Vdi>> made = new ArrayList<>();
        List<Ref<?>> vbds = new ArrayList<>();
        try {
            for (DiskSpec d : specs) {
                Ref<?> sr = srOf(bridge.db.snapshot(), d.sr());
                Map<String, Object> f = new LinkedHashMap<>();
                f.put(Vdi.Fields.SR.name(), sr);
                f.put(Vdi.Fields.NAME_LABEL.name(), "");
                f.put(Vdi.Fields.NAME_DESCRIPTION.name(), "Created by template provisioner");
                f.put(Vdi.Fields.VIRTUAL_SIZE.name(), d.size());
                f.put(Vdi.Fields.TYPE.name(), d.type());
                f.put(Vdi.Fields.SM_CONFIG.name(), Map.of("vmhint", row.uuid()));
                Ref<Vdi> vdi = storage.createVdi(f);
                made.add(vdi);
                vbds.add(bridge.db.write(tx -> {
                    Ref<?> vbd = tx.create(Vbd.CLASS, FieldValues.of(Vbd.CLASS).put(Vbd.Fields.VM, vm)
                            .put(Vbd.Fields.VDI, vdi).put(Vbd.Fields.USERDEVICE, d.device())
                            .put(Vbd.Fields.BOOTABLE, d.bootable()).put(Vbd.Fields.MODE, VbdMode.RW)
                            .put(Vbd.Fields.TYPE, VbdType.DISK).put(Vbd.Fields.UNPLUGGABLE, d.type() != VdiType.SYSTEM)
                            .put(Vbd.Fields.EMPTY, false).put(Vbd.Fields.OTHER_CONFIG, Map.of("owner", "")));
                    VbdChecks.refresh(tx, vbd);
                    tx.set(Vdi.Fields.NAME_LABEL, vdi, d.device());
                    return vbd;
                }));
            }
        } catch (RuntimeException e) {
            bridge.db.write(tx -> {
                vbds.forEach(v -> {
                    if (tx.row(Vbd.CLASS, v) != null) {
                        tx.destroy(Vbd.CLASS, v);
                    }
                });
                return null;
            });
            made.forEach(this::destroyQuietly);
            throw e;
        }
        bridge.db.write(tx -> {
            tx.removeFromMap(Vm.Fields.OTHER_CONFIG, vm, "disks");
            tx.removeFromMap(Vm.Fields.OTHER_CONFIG, vm, "postinstall");
            return null;
        });
    }

    private static Ref<?> srOf(Reader r, String sr) {
        if (sr == null || sr.isEmpty()) {
            for (Row pool : r.table(Pool.CLASS)) {
                Ref<?> d = (Ref<?>) pool.get(Pool.Fields.DEFAULT_SR);
                if (!d.isNull() && r.row(Sr.CLASS, d) != null) {
                    return d;
                }
            }
            throw ErrorCodes.UUID_INVALID.error("sr", sr == null ? "" : sr);
        }
        Row row = r.table(Sr.CLASS).byUuid(sr);
        if (row == null) {
            // The original also accepts an SR's name.
            List<Row> byName = r.table(Sr.CLASS).byNameLabel(sr);
            if (byName.isEmpty()) {
                throw ErrorCodes.UUID_INVALID.error("sr", sr);
            }
            row = byName.get(0);
        }
        return row.ref();
    }

    static Set<String> usedUserdevices(Reader r, Ref<?> vm) {
        Set<String> used = new HashSet<>();
        for (Object o : (Set<?>) r.require(Vm.CLASS, vm).get(Vm.Fields.VBDS)) {
            Row vbd = r.row(Vbd.CLASS, (Ref<?>) o);
            if (vbd != null) {
                used.add((String) vbd.get(Vbd.Fields.USERDEVICE));
            }
        }
        return used;
    }
}
