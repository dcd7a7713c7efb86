package org.jxapi.xapi.storage.impl;

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
import org.jxapi.xenapi.model.types.Pbd;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.StorageOperations;
import org.jxapi.xenapi.model.types.Vdi;

/**
 * Which operations an SR allows now (xapi_sr_operations.ml): only what its driver can do, no
 * destroy or forget while a PBD is plugged, no destroy without a PBD or with VDIs left, and
 * nothing beside a running operation except further plugs.
 */
final class SrChecks {
    static final List<StorageOperations> LISTED = List.of(StorageOperations.SCAN, StorageOperations.DESTROY,
            StorageOperations.FORGET, StorageOperations.PLUG, StorageOperations.UNPLUG, StorageOperations.VDI_CREATE,
            StorageOperations.VDI_DESTROY, StorageOperations.VDI_RESIZE, StorageOperations.VDI_CLONE,
            StorageOperations.VDI_SNAPSHOT, StorageOperations.VDI_MIRROR, StorageOperations.VDI_ENABLE_CBT,
            StorageOperations.VDI_DISABLE_CBT, StorageOperations.VDI_DATA_DESTROY,
            StorageOperations.VDI_LIST_CHANGED_BLOCKS, StorageOperations.VDI_SET_ON_BOOT,
            StorageOperations.VDI_INTRODUCE, StorageOperations.UPDATE, StorageOperations.PBD_CREATE,
            StorageOperations.PBD_DESTROY);

    private SrChecks() {
    }

    static String feature(StorageOperations op) {
        return switch (op) {
            case VDI_CREATE -> "VDI_CREATE";
            case VDI_DESTROY -> "VDI_DELETE";
            case VDI_RESIZE -> "VDI_RESIZE";
            case VDI_INTRODUCE -> "VDI_INTRODUCE";
            case VDI_MIRROR -> "VDI_MIRROR";
            case VDI_ENABLE_CBT, VDI_DISABLE_CBT, VDI_DATA_DESTROY, VDI_LIST_CHANGED_BLOCKS -> "VDI_CONFIG_CBT";
            case VDI_SET_ON_BOOT -> "VDI_RESET_ON_BOOT";
            case UPDATE -> "SR_UPDATE";
            case VDI_SNAPSHOT -> "VDI_SNAPSHOT";
            default -> null;
        };
    }

    static XenApiException error(Reader r, Row sr, StorageOperations op) {
        String ref = sr.ref().handle();
        String feature = feature(op);
        if (feature != null && !VdiChecks.features(r, (String) sr.get(Sr.Fields.TYPE)).contains(feature)) {
            return ErrorCodes.SR_OPERATION_NOT_SUPPORTED.error(ref);
        }
        Set<?> pbds = (Set<?>) sr.get(Sr.Fields.PBDS);
        if (op == StorageOperations.DESTROY || op == StorageOperations.FORGET) {
            for (Object p : pbds) {
                Row pbd = r.row(Pbd.CLASS, (Ref<?>) p);
                if (pbd != null && Boolean.TRUE.equals(pbd.get(Pbd.Fields.CURRENTLY_ATTACHED))) {
                    return ErrorCodes.SR_HAS_PBD.error(ref);
                }
            }
        }
        if (op == StorageOperations.DESTROY) {
            if (pbds.isEmpty()) {
                return Lookups.noPbds(sr.ref());
            }
            for (Object v : (Set<?>) sr.get(Sr.Fields.VDIS)) {
                Row vdi = r.row(Vdi.CLASS, (Ref<?>) v);
                if (vdi != null && Boolean.TRUE.equals(vdi.get(Vdi.Fields.MANAGED))
                        && !"rrd".equals(String.valueOf(vdi.get(Vdi.Fields.TYPE)))) {
                    return ErrorCodes.SR_NOT_EMPTY.error();
                }
            }
        }
        Map<?, ?> current = (Map<?, ?>) sr.get(Sr.Fields.CURRENT_OPERATIONS);
        for (Map.Entry<?, ?> e : current.entrySet()) {
            boolean parallel = e.getValue() == StorageOperations.PLUG && op == StorageOperations.PLUG;
            if (!parallel) {
                return ErrorCodes.OTHER_OPERATION_IN_PROGRESS.error("SR", ref, e.getValue().toString(),
                        e.getKey().toString());
            }
        }
        return null;
    }

    static Set<StorageOperations> allowed(Reader r, Row sr) {
        LinkedHashSet<StorageOperations> out = new LinkedHashSet<>();
        for (StorageOperations op : LISTED) {
            if (error(r, sr, op) == null) {
                out.add(op);
            }
        }
        return Values.copySet(out);
    }
}
