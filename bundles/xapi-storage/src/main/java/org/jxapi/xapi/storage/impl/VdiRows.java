package org.jxapi.xapi.storage.impl;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.OnBoot;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VdiType;
import org.jxapi.xenapi.model.types.Vm;

/**
 * VDI objects kept in step with what storage says of its VDIs (the original's update_vdis): a
 * VDI found in an SR gets an object, a changed one has its fields set, and after a scan the
 * objects of VDIs that are gone are removed. Fields only the XenAPI knows (other_config, tags,
 * xenstore_data...) are left alone.
 */
final class VdiRows {
    private VdiRows() {
    }

    static VdiType typeOf(String s) {
        VdiType t = VdiType.fromWire(s);
        return t == null ? VdiType.USER : t;
    }

    /** The object of {@code info} in {@code sr}: found by location (made if there is none), then brought up to date. */
    static Ref<Object> upsert(WriteTransaction tx, Ref<?> sr, VdiInfo info) {
        Row existing = Lookups.vdiAt(tx, sr, info.vdi());
        if (existing == null) {
            return create(tx, sr, info);
        }
        update(tx, sr, existing, info);
        return existing.ref().cast();
    }

    static Ref<Object> create(WriteTransaction tx, Ref<?> sr, VdiInfo info) {
        FieldValues<Vdi> f = FieldValues.of(Vdi.CLASS);
        String uuid = validUuid(info.uuid()) && tx.table(Vdi.CLASS).byUuid(info.uuid()) == null ? info.uuid()
                : UUID.randomUUID().toString();
        f.put(Vdi.Fields.UUID, uuid);
        f.put(Vdi.Fields.SR, sr.cast());
        f.put(Vdi.Fields.LOCATION, info.vdi());
        f.put(Vdi.Fields.MANAGED, true);
        f.put(Vdi.Fields.MISSING, false);
        f.put(Vdi.Fields.ON_BOOT, info.persistent() ? OnBoot.PERSIST : OnBoot.RESET);
        fields(tx, sr, info, f);
        return tx.create(Vdi.CLASS, f).cast();
    }

    static void update(WriteTransaction tx, Ref<?> sr, Row row, VdiInfo info) {
        FieldValues<Vdi> f = FieldValues.of(Vdi.CLASS);
        fields(tx, sr, info, f);
        tx.update(row.ref(), f);
    }

    private static void fields(WriteTransaction tx, Ref<?> sr, VdiInfo info, FieldValues<Vdi> f) {
        f.put(Vdi.Fields.NAME_LABEL, info.nameLabel());
        f.put(Vdi.Fields.NAME_DESCRIPTION, info.nameDescription());
        f.put(Vdi.Fields.TYPE, typeOf(info.type()));
        f.put(Vdi.Fields.IS_A_SNAPSHOT, info.isASnapshot());
        f.put(Vdi.Fields.SNAPSHOT_TIME, info.isASnapshot() ? info.snapshotTime() : Instant.EPOCH);
        f.put(Vdi.Fields.SNAPSHOT_OF, snapshotOf(tx, sr, info.snapshotOf()));
        f.put(Vdi.Fields.READ_ONLY, info.readOnly());
        f.put(Vdi.Fields.VIRTUAL_SIZE, info.virtualSize());
        f.put(Vdi.Fields.PHYSICAL_UTILISATION, info.physicalUtilisation());
        f.put(Vdi.Fields.SHARABLE, info.sharable());
        f.put(Vdi.Fields.CBT_ENABLED, info.cbtEnabled());
        f.put(Vdi.Fields.IS_TOOLS_ISO, "true".equals(info.smConfig().get("xs-tools")));
    }

    /** The VDI a snapshot was taken of: by location in the same SR, else by uuid (the original's CA-254515). */
    private static Ref<Vdi> snapshotOf(WriteTransaction tx, Ref<?> sr, String of) {
        if (of == null || of.isEmpty()) {
            return Ref.nullRef();
        }
        Row v = Lookups.vdiAt(tx, sr, of);
        if (v == null) {
            v = tx.table(Vdi.CLASS).byUuid(of);
        }
        return v == null ? Ref.nullRef() : v.ref().cast();
    }

    /** Makes the objects of {@code sr} exactly the VDIs a scan found; returns the total virtual size. */
    static long reconcile(WriteTransaction tx, Ref<?> sr, List<VdiInfo> found) {
        Map<String, VdiInfo> byLocation = new LinkedHashMap<>();
        for (VdiInfo v : found) {
            byLocation.put(v.vdi(), v);
        }
        for (Object o : (Set<?>) tx.require(Sr.CLASS, sr).get(Sr.Fields.VDIS)) {
            Row row = tx.row(Vdi.CLASS, (Ref<?>) o);
            if (row != null && !byLocation.containsKey((String) row.get(Vdi.Fields.LOCATION))) {
                forget(tx, row.ref());
            }
        }
        long total = 0;
        // Two passes: a snapshot found before its parent still gets its snapshot_of.
        for (VdiInfo v : byLocation.values()) {
            if (Lookups.vdiAt(tx, sr, v.vdi()) == null) {
                create(tx, sr, v);
            }
        }
        for (VdiInfo v : byLocation.values()) {
            update(tx, sr, Lookups.vdiAt(tx, sr, v.vdi()), v);
            total += v.virtualSize();
        }
        return total;
    }

    /** Removes a VDI object; a CD drive holding it becomes empty, other VBDs go with it (as the original does). */
    static void forget(WriteTransaction tx, Ref<?> vdi) {
        Row row = tx.row(Vdi.CLASS, vdi);
        if (row == null) {
            return;
        }
        for (Object o : (Set<?>) row.get(Vdi.Fields.VBDS)) {
            Row vbd = tx.row(Vbd.CLASS, (Ref<?>) o);
            if (vbd == null) {
                continue;
            }
            if ("CD".equals(String.valueOf(vbd.get(Vbd.Fields.TYPE)))) {
                tx.set(Vbd.Fields.VDI, vbd.ref(), Ref.nullRef());
                tx.set(Vbd.Fields.EMPTY, vbd.ref(), true);
            }
        }
        for (Row vm : tx.table(Vm.CLASS)) {
            if (vdi.equals(vm.get(Vm.Fields.SUSPEND_VDI))) {
                tx.set(Vm.Fields.SUSPEND_VDI, vm.ref(), Ref.nullRef());
            }
        }
        tx.destroy(Vdi.CLASS, vdi);
    }

    static boolean validUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Map<String, String> strings(Object m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

}
