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
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.OnBoot;
import org.jxapi.xenapi.model.types.VdiType;

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
        Map<String, Object> f = new LinkedHashMap<>();
        String uuid = validUuid(info.uuid()) && tx.table("VDI").byUuid(info.uuid()) == null ? info.uuid()
                : UUID.randomUUID().toString();
        f.put("uuid", uuid);
        f.put("SR", sr);
        f.put("location", info.vdi());
        f.put("managed", true);
        f.put("missing", false);
        f.put("on_boot", info.persistent() ? OnBoot.PERSIST : OnBoot.RESET);
        fields(tx, sr, info, f);
        return tx.create("VDI", f);
    }

    static void update(WriteTransaction tx, Ref<?> sr, Row row, VdiInfo info) {
        Map<String, Object> f = new HashMap<>();
        fields(tx, sr, info, f);
        for (Map.Entry<String, Object> e : f.entrySet()) {
            if (!Objects.equals(row.get(e.getKey()), e.getValue())) {
                tx.set("VDI", row.ref(), e.getKey(), e.getValue());
            }
        }
    }

    private static void fields(WriteTransaction tx, Ref<?> sr, VdiInfo info, Map<String, Object> f) {
        f.put("name_label", info.nameLabel());
        f.put("name_description", info.nameDescription());
        f.put("type", typeOf(info.type()));
        f.put("is_a_snapshot", info.isASnapshot());
        f.put("snapshot_time", info.isASnapshot() ? info.snapshotTime() : Instant.EPOCH);
        f.put("snapshot_of", snapshotOf(tx, sr, info.snapshotOf()));
        f.put("read_only", info.readOnly());
        f.put("virtual_size", info.virtualSize());
        f.put("physical_utilisation", info.physicalUtilisation());
        f.put("sharable", info.sharable());
        f.put("cbt_enabled", info.cbtEnabled());
        f.put("is_tools_iso", "true".equals(info.smConfig().get("xs-tools")));
    }

    /** The VDI a snapshot was taken of: by location in the same SR, else by uuid (the original's CA-254515). */
    private static Ref<?> snapshotOf(WriteTransaction tx, Ref<?> sr, String of) {
        if (of == null || of.isEmpty()) {
            return Ref.nullRef();
        }
        Row v = Lookups.vdiAt(tx, sr, of);
        if (v == null) {
            v = tx.table("VDI").byUuid(of);
        }
        return v == null ? Ref.nullRef() : v.ref();
    }

    /** Makes the objects of {@code sr} exactly the VDIs a scan found; returns the total virtual size. */
    static long reconcile(WriteTransaction tx, Ref<?> sr, List<VdiInfo> found) {
        Map<String, VdiInfo> byLocation = new LinkedHashMap<>();
        for (VdiInfo v : found) {
            byLocation.put(v.vdi(), v);
        }
        for (Object o : (Set<?>) tx.require("SR", sr).get("VDIs")) {
            Row row = tx.row("VDI", (Ref<?>) o);
            if (row != null && !byLocation.containsKey((String) row.get("location"))) {
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
        Row row = tx.row("VDI", vdi);
        if (row == null) {
            return;
        }
        for (Object o : (Set<?>) row.get("VBDs")) {
            Row vbd = tx.row("VBD", (Ref<?>) o);
            if (vbd == null) {
                continue;
            }
            if ("CD".equals(String.valueOf(vbd.get("type")))) {
                tx.set("VBD", vbd.ref(), "VDI", Ref.nullRef());
                tx.set("VBD", vbd.ref(), "empty", true);
            }
        }
        for (Row vm : tx.table("VM")) {
            if (vdi.equals(vm.get("suspend_VDI"))) {
                tx.set("VM", vm.ref(), "suspend_VDI", Ref.nullRef());
            }
        }
        tx.destroy("VDI", vdi);
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
