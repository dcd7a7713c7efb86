package org.jxapi.xapi.vm.impl;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.VbdOperations;
import org.jxapi.xenapi.model.types.VbdType;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;

/**
 * Which operations a VBD allows now (the original's xapi_vbd_helpers): one at a time; plug and
 * unplug only on a running or paused VM; plug only when unplugged, unplug only when plugged and
 * unpluggable; eject and insert only on CD drives, with and without media.
 */
final class VbdChecks {
    static final List<VbdOperations> LISTED = List.of(VbdOperations.ATTACH, VbdOperations.EJECT,
            VbdOperations.INSERT, VbdOperations.PLUG, VbdOperations.UNPLUG, VbdOperations.UNPLUG_FORCE,
            VbdOperations.PAUSE, VbdOperations.UNPAUSE);

    private VbdChecks() {
    }

    static XenApiException error(Reader r, Row vbd, VbdOperations op) {
        String ref = vbd.ref().handle();
        Map<?, ?> current = (Map<?, ?>) vbd.get(Vbd.Fields.CURRENT_OPERATIONS);
        if (!current.isEmpty()) {
            Map.Entry<?, ?> e = current.entrySet().iterator().next();
            return ErrorCodes.OTHER_OPERATION_IN_PROGRESS.error("VBD", ref, e.getValue().toString(),
                    e.getKey().toString());
        }
        Row vm = r.row(Vm.CLASS, (Ref<?>) vbd.get(Vbd.Fields.VM));
        VmPowerState power = vm == null ? VmPowerState.HALTED : (VmPowerState) vm.get(Vm.Fields.POWER_STATE);
        boolean live = power == VmPowerState.RUNNING || power == VmPowerState.PAUSED;
        boolean attached = Boolean.TRUE.equals(vbd.get(Vbd.Fields.CURRENTLY_ATTACHED));
        boolean cd = vbd.get(Vbd.Fields.TYPE) == VbdType.CD;
        boolean empty = Boolean.TRUE.equals(vbd.get(Vbd.Fields.EMPTY));
        String vmRef = vm == null ? Ref.NULL_HANDLE : vm.ref().handle();
        return switch (op) {
            case PLUG, UNPLUG, UNPLUG_FORCE, PAUSE, UNPAUSE -> {
                if (!live) {
                    yield ErrorCodes.VM_BAD_POWER_STATE.error(vmRef, "running", VmChecks.lower(power));
                }
                if (op == VbdOperations.PLUG && attached) {
                    yield ErrorCodes.DEVICE_ALREADY_ATTACHED.error(ref);
                }
                if (op != VbdOperations.PLUG && !attached) {
                    yield ErrorCodes.DEVICE_ALREADY_DETACHED.error(ref);
                }
                if (op == VbdOperations.UNPLUG && !Boolean.TRUE.equals(vbd.get(Vbd.Fields.UNPLUGGABLE))) {
                    yield ErrorCodes.VBD_NOT_UNPLUGGABLE.error(ref);
                }
                yield null;
            }
            case EJECT -> !cd ? ErrorCodes.VBD_NOT_REMOVABLE_MEDIA.error(ref)
                    : empty ? ErrorCodes.VBD_IS_EMPTY.error(ref) : null;
            case INSERT -> !cd ? ErrorCodes.VBD_NOT_REMOVABLE_MEDIA.error(ref)
                    : !empty ? ErrorCodes.VBD_NOT_EMPTY.error(ref) : null;
            case ATTACH -> live ? null : ErrorCodes.VM_BAD_POWER_STATE.error(vmRef, "running", VmChecks.lower(power));
        };
    }

    static void refresh(WriteTransaction tx, Ref<?> vbd) {
        Row row = tx.row(Vbd.CLASS, vbd);
        if (row == null) {
            return;
        }
        LinkedHashSet<VbdOperations> out = new LinkedHashSet<>();
        for (VbdOperations op : LISTED) {
            if (error(tx, row, op) == null) {
                out.add(op);
            }
        }
        Set<VbdOperations> allowed = Values.copySet(out);
        if (!Objects.equals(row.get(Vbd.Fields.ALLOWED_OPERATIONS), allowed)) {
            tx.set(Vbd.Fields.ALLOWED_OPERATIONS, vbd, allowed);
        }
    }
}
