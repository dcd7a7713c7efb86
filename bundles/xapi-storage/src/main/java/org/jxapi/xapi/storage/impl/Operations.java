package org.jxapi.xapi.storage.impl;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.StorageOperations;
import org.jxapi.xenapi.model.types.VdiOperations;

/**
 * current_operations and allowed_operations of SRs and VDIs. An operation is checked and added
 * to current_operations in one transaction, so two callers cannot both pass the check; it is
 * removed when the work ends, and allowed_operations is recomputed at both points.
 */
final class Operations {
    private Operations() {
    }

    /** Checks {@code op} on the VDI and marks it running under {@code key}; throws the reason it is not allowed. */
    static void beginVdi(WriteTransaction tx, Ref<?> vdi, String key, VdiOperations op) {
        Row row = tx.require("VDI", vdi);
        XenApiException e = VdiChecks.error(tx, row, op);
        if (e != null) {
            throw e;
        }
        tx.addToMap("VDI", vdi, "current_operations", key, op);
        refreshVdi(tx, vdi);
    }

    static void endVdi(WriteTransaction tx, Ref<?> vdi, String key) {
        if (tx.row("VDI", vdi) == null) {
            return;
        }
        tx.removeFromMap("VDI", vdi, "current_operations", key);
        refreshVdi(tx, vdi);
    }

    static void refreshVdi(WriteTransaction tx, Ref<?> vdi) {
        Row row = tx.row("VDI", vdi);
        if (row == null) {
            return;
        }
        Set<VdiOperations> allowed = VdiChecks.allowed(tx, row);
        if (!Objects.equals(row.get("allowed_operations"), allowed)) {
            tx.set("VDI", vdi, "allowed_operations", allowed);
        }
    }

    /** Recomputes allowed_operations of every VDI of an SR and of the SR (after a plug, unplug or driver change). */
    static void refreshSr(WriteTransaction tx, Ref<?> sr) {
        Row row = tx.row("SR", sr);
        if (row == null) {
            return;
        }
        for (Object v : (Set<?>) row.get("VDIs")) {
            refreshVdi(tx, (Ref<?>) v);
        }
        Set<StorageOperations> allowed = SrChecks.allowed(tx, tx.row("SR", sr));
        if (!Objects.equals(row.get("allowed_operations"), allowed)) {
            tx.set("SR", sr, "allowed_operations", allowed);
        }
    }

    static void beginSr(WriteTransaction tx, Ref<?> sr, String key, StorageOperations op) {
        Row row = tx.require("SR", sr);
        XenApiException e = SrChecks.error(tx, row, op);
        if (e != null) {
            throw e;
        }
        tx.addToMap("SR", sr, "current_operations", key, op);
        Set<StorageOperations> allowed = SrChecks.allowed(tx, tx.row("SR", sr));
        tx.set("SR", sr, "allowed_operations", allowed);
    }

    static void endSr(WriteTransaction tx, Ref<?> sr, String key) {
        Row row = tx.row("SR", sr);
        if (row == null) {
            return;
        }
        if (((Map<?, ?>) row.get("current_operations")).containsKey(key)) {
            tx.removeFromMap("SR", sr, "current_operations", key);
        }
        refreshSr(tx, sr);
    }
}
