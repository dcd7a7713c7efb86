package org.jxapi.xapi.storage.impl;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.OnBoot;
import org.jxapi.xenapi.model.types.Sm;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VdiOperations;
import org.jxapi.xenapi.model.types.VdiType;

/**
 * Which operations a VDI allows now, with the original's rules and errors (xapi_vdi.ml
 * check_operation_error): one operation at a time except copies, none but the "live" ones
 * while a VBD holds the VDI, only what the SR's driver can do, and the per-operation rules.
 */
final class VdiChecks {
    /** The operations listed in allowed_operations (as the original: not blocked or force_unlock). */
    static final List<VdiOperations> LISTED = List.of(VdiOperations.CLONE, VdiOperations.COPY, VdiOperations.RESIZE,
            VdiOperations.RESIZE_ONLINE, VdiOperations.SNAPSHOT, VdiOperations.MIRROR, VdiOperations.DESTROY,
            VdiOperations.FORGET, VdiOperations.UPDATE, VdiOperations.GENERATE_CONFIG, VdiOperations.ENABLE_CBT,
            VdiOperations.DISABLE_CBT, VdiOperations.DATA_DESTROY, VdiOperations.LIST_CHANGED_BLOCKS,
            VdiOperations.SET_ON_BOOT);

    private static final Set<VdiOperations> LIVE = EnumSet.of(VdiOperations.SNAPSHOT, VdiOperations.RESIZE_ONLINE,
            VdiOperations.BLOCKED, VdiOperations.CLONE, VdiOperations.MIRROR, VdiOperations.ENABLE_CBT,
            VdiOperations.DISABLE_CBT, VdiOperations.DATA_DESTROY);

    private VdiChecks() {
    }

    /** The SM feature an operation needs, or null when it needs none. */
    static String feature(VdiOperations op) {
        return switch (op) {
            case SNAPSHOT -> "VDI_SNAPSHOT";
            case DESTROY -> "VDI_DELETE";
            case RESIZE -> "VDI_RESIZE";
            case UPDATE -> "VDI_UPDATE";
            case RESIZE_ONLINE -> "VDI_RESIZE_ONLINE";
            case GENERATE_CONFIG -> "VDI_GENERATE_CONFIG";
            case CLONE -> "VDI_CLONE";
            case MIRROR -> "VDI_MIRROR";
            case ENABLE_CBT, DISABLE_CBT, DATA_DESTROY, LIST_CHANGED_BLOCKS -> "VDI_CONFIG_CBT";
            case SET_ON_BOOT -> "VDI_RESET_ON_BOOT";
            default -> null;
        };
    }

    /** The features of the SM object of an SR type (empty when its driver is gone). */
    static Set<String> features(Reader r, String srType) {
        for (Row sm : r.table(Sm.CLASS)) {
            if (srType.equals(sm.get(Sm.Fields.TYPE))) {
                Set<String> out = new LinkedHashSet<>();
                ((Map<?, ?>) sm.get(Sm.Fields.FEATURES)).keySet().forEach(k -> out.add(String.valueOf(k)));
                return out;
            }
        }
        return Set.of();
    }

    /** Why {@code op} is not allowed on {@code vdi} now, or null when it is. */
    static XenApiException error(Reader r, Row vdi, VdiOperations op) {
        String ref = vdi.ref().handle();
        Ref<?> sr = (Ref<?>) vdi.get(Vdi.Fields.SR);
        Row srRow = r.row(Sr.CLASS, sr);
        Map<?, ?> current = (Map<?, ?>) vdi.get(Vdi.Fields.CURRENT_OPERATIONS);
        for (Map.Entry<?, ?> e : current.entrySet()) {
            if (e.getValue() != VdiOperations.COPY) {
                return ErrorCodes.OTHER_OPERATION_IN_PROGRESS.error("VDI", ref, e.getValue().toString(),
                        e.getKey().toString());
            }
        }
        if (op == VdiOperations.RESIZE && (srRow == null || !Lookups.plugged(r, sr))) {
            return Lookups.noPbds(sr);
        }
        boolean anyActive = false;
        boolean rwActive = false;
        for (Object o : (Set<?>) vdi.get(Vdi.Fields.VBDS)) {
            Row vbd = r.row(Vbd.CLASS, (Ref<?>) o);
            if (vbd == null) {
                continue;
            }
            if (Boolean.TRUE.equals(vbd.get(Vbd.Fields.CURRENTLY_ATTACHED))) {
                anyActive = true;
                rwActive |= vbd.get(Vbd.Fields.MODE) == VbdMode.RW;
            }
            Map<?, ?> vbdOps = (Map<?, ?>) vbd.get(Vbd.Fields.CURRENT_OPERATIONS);
            if (!vbdOps.isEmpty() && op != VdiOperations.DATA_DESTROY) {
                Map.Entry<?, ?> e = vbdOps.entrySet().iterator().next();
                return ErrorCodes.OTHER_OPERATION_IN_PROGRESS.error("VDI", ref, e.getValue().toString(),
                        e.getKey().toString());
            }
        }
        boolean blocked = LIVE.contains(op) ? false : op == VdiOperations.COPY ? rwActive : anyActive;
        if (blocked) {
            return ErrorCodes.VDI_IN_USE.error(ref, op.toString());
        }
        String feature = feature(op);
        if (feature != null && srRow != null && !features(r, (String) srRow.get(Sr.Fields.TYPE)).contains(feature)) {
            return ErrorCodes.SR_OPERATION_NOT_SUPPORTED.error(sr.handle());
        }
        VdiType type = (VdiType) vdi.get(Vdi.Fields.TYPE);
        boolean reset = vdi.get(Vdi.Fields.ON_BOOT) == OnBoot.RESET;
        boolean cbtMetadataForbidden = EnumSet.of(VdiOperations.CLONE, VdiOperations.COPY, VdiOperations.DISABLE_CBT,
                VdiOperations.ENABLE_CBT, VdiOperations.MIRROR, VdiOperations.RESIZE, VdiOperations.RESIZE_ONLINE,
                VdiOperations.SNAPSHOT, VdiOperations.SET_ON_BOOT).contains(op);
        if (cbtMetadataForbidden && type == VdiType.CBT_METADATA) {
            return ErrorCodes.VDI_INCOMPATIBLE_TYPE.error(ref, "cbt_metadata");
        }
        if ((op == VdiOperations.MIRROR || op == VdiOperations.SET_ON_BOOT) && Boolean.TRUE.equals(vdi.get(Vdi.Fields.CBT_ENABLED))) {
            return ErrorCodes.VDI_CBT_ENABLED.error(ref);
        }
        return switch (op) {
            case DESTROY, FORGET -> type == VdiType.RRD ? ErrorCodes.VDI_HAS_RRDS.error(ref) : null;
            case SNAPSHOT -> Boolean.TRUE.equals(vdi.get(Vdi.Fields.SHARABLE)) ? ErrorCodes.VDI_IS_SHARABLE.error(ref)
                    : reset ? ErrorCodes.VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION.error()
                    : current.containsValue(VdiOperations.COPY)
                            ? ErrorCodes.OPERATION_NOT_ALLOWED.error("Snapshot operation not allowed during copy.")
                            : null;
            case COPY -> reset ? ErrorCodes.VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION.error() : null;
            case ENABLE_CBT, DISABLE_CBT -> Boolean.TRUE.equals(vdi.get(Vdi.Fields.IS_A_SNAPSHOT))
                    ? ErrorCodes.OPERATION_NOT_ALLOWED.error("VDI is a snapshot: " + ref)
                    : type != VdiType.USER && type != VdiType.SYSTEM
                            ? ErrorCodes.VDI_INCOMPATIBLE_TYPE.error(ref, type.toString())
                            : reset ? ErrorCodes.VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION.error() : null;
            case DATA_DESTROY -> !Boolean.TRUE.equals(vdi.get(Vdi.Fields.IS_A_SNAPSHOT))
                    ? ErrorCodes.OPERATION_NOT_ALLOWED.error("VDI is not a snapshot: " + ref)
                    : !Boolean.TRUE.equals(vdi.get(Vdi.Fields.CBT_ENABLED)) ? ErrorCodes.VDI_NO_CBT_METADATA.error(ref) : null;
            default -> null;
        };
    }

    static Set<VdiOperations> allowed(Reader r, Row vdi) {
        LinkedHashSet<VdiOperations> out = new LinkedHashSet<>();
        for (VdiOperations op : LISTED) {
            if (error(r, vdi, op) == null) {
                out.add(op);
            }
        }
        return Values.copySet(out);
    }
}
