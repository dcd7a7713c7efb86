package org.jxapi.xapi.storage.impl;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.StorageOperations;
import org.jxapi.xenapi.model.types.Vdi;
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
        Row row = tx.require(Vdi.CLASS, vdi);
        XenApiException e = VdiChecks.error(tx, row, op);
        if (e != null) {
            throw e;
        }
        tx.addToMap(Vdi.Fields.CURRENT_OPERATIONS, vdi, key, op);
        refreshVdi(tx, vdi);
    }

    static void endVdi(WriteTransaction tx, Ref<?> vdi, String key) {
        if (tx.row(Vdi.CLASS, vdi) == null) {
            return;
        }
        tx.removeFromMap(Vdi.Fields.CURRENT_OPERATIONS, vdi, key);
        refreshVdi(tx, vdi);
    }

    static void refreshVdi(WriteTransaction tx, Ref<?> vdi) {
        Row row = tx.row(Vdi.CLASS, vdi);
        if (row == null) {
            return;
        }
        Set<VdiOperations> allowed = VdiChecks.allowed(tx, row);
        if (!Objects.equals(row.get(Vdi.Fields.ALLOWED_OPERATIONS), allowed)) {
            tx.set(Vdi.Fields.ALLOWED_OPERATIONS, vdi, allowed);
        }
    }

    /** Recomputes allowed_operations of every VDI of an SR and of the SR (after a plug, unplug or driver change). */
    static void refreshSr(WriteTransaction tx, Ref<?> sr) {
        Row row = tx.row(Sr.CLASS, sr);
        if (row == null) {
            return;
        }
        for (Object v : (Set<?>) row.get(Sr.Fields.VDIS)) {
            refreshVdi(tx, (Ref<?>) v);
        }
        Set<StorageOperations> allowed = SrChecks.allowed(tx, tx.row(Sr.CLASS, sr));
        if (!Objects.equals(row.get(Sr.Fields.ALLOWED_OPERATIONS), allowed)) {
            tx.set(Sr.Fields.ALLOWED_OPERATIONS, sr, allowed);
        }
    }

    static void beginSr(WriteTransaction tx, Ref<?> sr, String key, StorageOperations op) {
        Row row = tx.require(Sr.CLASS, sr);
        XenApiException e = SrChecks.error(tx, row, op);
        if (e != null) {
            throw e;
        }
        tx.addToMap(Sr.Fields.CURRENT_OPERATIONS, sr, key, op);
        Set<StorageOperations> allowed = SrChecks.allowed(tx, tx.row(Sr.CLASS, sr));
        tx.set(Sr.Fields.ALLOWED_OPERATIONS, sr, allowed);
    }

    static void endSr(WriteTransaction tx, Ref<?> sr, String key) {
        Row row = tx.row(Sr.CLASS, sr);
        if (row == null) {
            return;
        }
        if (((Map<?, ?>) row.get(Sr.Fields.CURRENT_OPERATIONS)).containsKey(key)) {
            tx.removeFromMap(Sr.Fields.CURRENT_OPERATIONS, sr, key);
        }
        refreshSr(tx, sr);
    }
}
