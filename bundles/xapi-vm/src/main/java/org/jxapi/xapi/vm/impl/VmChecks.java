package org.jxapi.xapi.vm.impl;

import java.util.ArrayList;
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
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmOperations;
import org.jxapi.xenapi.model.types.VmPowerState;

import static org.jxapi.xenapi.model.types.VmOperations.*;

/**
 * Whether an operation may run on a VM now, with the original's rules and errors
 * (xapi_vm_lifecycle.ml): blocked operations first, then the power states the operation needs
 * ({@code VM_BAD_POWER_STATE}), then what may run beside the operations in progress
 * ({@code OTHER_OPERATION_IN_PROGRESS}), then the rules of templates, snapshots and control
 * domains. {@link #allowed} lists every operation that passes, for allowed_operations.
 */
final class VmChecks {
    /** What update_allowed_operations leaves out, as the original's ignored_ops. */
    private static final Set<VmOperations> IGNORED = EnumSet.of(CREATE_TEMPLATE, POWER_STATE_RESET, CSVM,
            GET_BOOT_RECORD, SEND_SYSRQ, SEND_TRIGGER, QUERY_SERVICES, SHUTDOWN, CALL_PLUGIN, CHANGING_MEMORY_LIVE,
            AWAITING_MEMORY_LIVE, CHANGING_MEMORY_LIMITS, CHANGING_SHADOW_MEMORY_LIVE, CHANGING_VCPUS,
            ASSERT_OPERATION_VALID, DATA_SOURCE_OP, UPDATE_ALLOWED_OPERATIONS, IMPORT, REVERTING);

    private static final Set<VmOperations> TEMPLATE_OK = EnumSet.of(CHANGING_DYNAMIC_RANGE, CHANGING_STATIC_RANGE,
            CHANGING_MEMORY_LIMITS, CHANGING_SHADOW_MEMORY, CHANGING_VCPUS, CHANGING_NVRAM, CLONE, COPY, EXPORT,
            METADATA_EXPORT, PROVISION);

    private static final Set<VmOperations> SNAPSHOT_OK = EnumSet.of(REVERT, CLONE, COPY, EXPORT, DESTROY,
            HARD_SHUTDOWN, METADATA_EXPORT);

    private static final Set<VmOperations> CONTROL_DOMAIN_OK = EnumSet.of(DATA_SOURCE_OP, CHANGING_MEMORY_LIVE,
            AWAITING_MEMORY_LIVE, METADATA_EXPORT, CHANGING_DYNAMIC_RANGE, CHANGING_MEMORY_LIMITS,
            CHANGING_STATIC_RANGE, START, START_ON, CHANGING_VCPUS, DESTROY);

    private VmChecks() {
    }

    private static final List<VmPowerState> NONE = List.of();
    private static final List<VmPowerState> HALTED = List.of(VmPowerState.HALTED);
    private static final List<VmPowerState> HALTED_RUNNING = List.of(VmPowerState.HALTED, VmPowerState.RUNNING);
    private static final List<VmPowerState> PAUSED = List.of(VmPowerState.PAUSED);
    private static final List<VmPowerState> SUSPENDED = List.of(VmPowerState.SUSPENDED);
    private static final List<VmPowerState> RUNNING = List.of(VmPowerState.RUNNING);
    private static final List<VmPowerState> HALTED_SUSPENDED = List.of(VmPowerState.HALTED, VmPowerState.SUSPENDED);
    private static final List<VmPowerState> PAUSED_RUNNING = List.of(VmPowerState.PAUSED, VmPowerState.RUNNING);
    private static final List<VmPowerState> NOT_HALTED = List.of(VmPowerState.PAUSED, VmPowerState.SUSPENDED,
            VmPowerState.RUNNING);
    private static final List<VmPowerState> NOT_PAUSED = List.of(VmPowerState.HALTED, VmPowerState.SUSPENDED,
            VmPowerState.RUNNING);
    private static final List<VmPowerState> ALL = List.of(VmPowerState.HALTED, VmPowerState.PAUSED,
            VmPowerState.SUSPENDED, VmPowerState.RUNNING);

    /** The power states {@code op} needs, in the original's order (which its error message shows). */
    static List<VmPowerState> allowedPowerStates(Row vm, VmOperations op) {
        boolean control = Boolean.TRUE.equals(vm.get(Vm.Fields.IS_CONTROL_DOMAIN));
        boolean snapshot = Boolean.TRUE.equals(vm.get(Vm.Fields.IS_A_SNAPSHOT));
        return switch (op) {
            case IMPORT -> NONE;
            case CHANGING_VCPUS, CHANGING_STATIC_RANGE, CHANGING_MEMORY_LIMITS -> control ? HALTED_RUNNING : HALTED;
            case CHANGING_SHADOW_MEMORY, CHANGING_NVRAM, MAKE_INTO_TEMPLATE, PROVISION, START, START_ON,
                    CREATE_VTPM -> HALTED;
            case UNPAUSE -> PAUSED;
            case CSVM, RESUME, RESUME_ON -> SUSPENDED;
            case AWAITING_MEMORY_LIVE, CALL_PLUGIN, CLEAN_REBOOT, CLEAN_SHUTDOWN, CHANGING_MEMORY_LIVE,
                    CHANGING_SHADOW_MEMORY_LIVE, CHANGING_VCPUS_LIVE, DATA_SOURCE_OP, PAUSE, POOL_MIGRATE,
                    SEND_SYSRQ, SEND_TRIGGER, SNAPSHOT_WITH_QUIESCE, SUSPEND -> RUNNING;
            case CHANGING_DYNAMIC_RANGE -> HALTED_RUNNING;
            case CLONE, COPY -> snapshot ? HALTED_SUSPENDED : HALTED;
            case CREATE_TEMPLATE, DESTROY, EXPORT -> HALTED_SUSPENDED;
            case HARD_REBOOT -> PAUSED_RUNNING;
            case CHECKPOINT, GET_BOOT_RECORD, SHUTDOWN, HARD_SHUTDOWN -> NOT_HALTED;
            case MIGRATE_SEND -> NOT_PAUSED;
            default -> ALL;
        };
    }

    static String lower(VmPowerState p) {
        return p.wireName().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether {@code op} may run beside the operations in progress (the original's is_allowed_concurrently). */
    static boolean concurrentOk(VmOperations op, Map<?, ?> current) {
        List<VmOperations> running = new ArrayList<>();
        current.values().forEach(v -> running.add((VmOperations) v));
        if (within(op, running, EnumSet.of(CLONE, COPY, EXPORT)) || within(op, running, EnumSet.of(SNAPSHOT, CHECKPOINT))
                || within(op, running, EnumSet.of(GET_BOOT_RECORD))) {
            return true;
        }
        if (op == HARD_SHUTDOWN) {
            return !running.contains(HARD_SHUTDOWN);
        }
        if (op == HARD_REBOOT) {
            return !running.contains(HARD_SHUTDOWN) && !running.contains(HARD_REBOOT);
        }
        if (running.equals(List.of(SNAPSHOT_WITH_QUIESCE)) && op == SNAPSHOT) {
            return true;
        }
        return running.equals(List.of(MIGRATE_SEND))
                && (op == METADATA_EXPORT || op == CLEAN_SHUTDOWN || op == CLEAN_REBOOT);
    }

    private static boolean within(VmOperations op, List<VmOperations> running, Set<VmOperations> group) {
        return group.contains(op) && group.containsAll(running);
    }

    /** The first reason {@code op} may not run on {@code vm} now, or null. */
    static XenApiException error(Reader r, Row vm, VmOperations op) {
        String ref = vm.ref().handle();
        VmPowerState power = (VmPowerState) vm.get(Vm.Fields.POWER_STATE);
        Map<?, ?> blocked = (Map<?, ?>) vm.get(Vm.Fields.BLOCKED_OPERATIONS);
        if (blocked.containsKey(op)) {
            return ErrorCodes.OPERATION_BLOCKED.error(ref, String.valueOf(blocked.get(op)));
        }
        List<VmPowerState> states = allowedPowerStates(vm, op);
        if (!states.contains(power)) {
            List<String> names = new ArrayList<>();
            states.forEach(s -> names.add(lower(s)));
            return ErrorCodes.VM_BAD_POWER_STATE.error(ref, String.join(", ", names), lower(power));
        }
        Map<?, ?> current = (Map<?, ?>) vm.get(Vm.Fields.CURRENT_OPERATIONS);
        if (!current.isEmpty() && !concurrentOk(op, current)) {
            return otherInProgress(ref, current);
        }
        boolean template = Boolean.TRUE.equals(vm.get(Vm.Fields.IS_A_TEMPLATE));
        boolean snapshot = Boolean.TRUE.equals(vm.get(Vm.Fields.IS_A_SNAPSHOT));
        if (template && !snapshot) {
            boolean defaultTemplate = Boolean.TRUE.equals(vm.get(Vm.Fields.IS_DEFAULT_TEMPLATE))
                    || isTrue(((Map<?, ?>) vm.get(Vm.Fields.OTHER_CONFIG)).get("default_template"));
            if (!TEMPLATE_OK.contains(op) && !((op == DESTROY || op == MIGRATE_SEND) && !defaultTemplate)) {
                return ErrorCodes.VM_IS_TEMPLATE.error(ref, op.toString());
            }
        }
        if (snapshot && !SNAPSHOT_OK.contains(op)) {
            return ErrorCodes.VM_IS_SNAPSHOT.error(ref, op.toString());
        }
        if (op == PROVISION && !template) {
            return new XenApiException("ONLY_PROVISION_TEMPLATE");
        }
        if (op == REVERT && !snapshot) {
            return new XenApiException("ONLY_REVERT_SNAPSHOT");
        }
        if (Boolean.TRUE.equals(vm.get(Vm.Fields.IS_CONTROL_DOMAIN)) && !CONTROL_DOMAIN_OK.contains(op)) {
            return ErrorCodes.OPERATION_NOT_ALLOWED.error("This operation is not allowed on a control domain");
        }
        if (op == SNAPSHOT_WITH_QUIESCE) {
            return ErrorCodes.VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED.error(ref);
        }
        if ((op == CHECKPOINT || op == SNAPSHOT || op == SUSPEND) && anyResetOnBoot(r, vm)) {
            return ErrorCodes.VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION.error();
        }
        if ((op == SUSPEND || op == CHECKPOINT || op == POOL_MIGRATE || op == MIGRATE_SEND)
                && !((Set<?>) vm.get(Vm.Fields.ATTACHED_PCIS)).isEmpty()) {
            return ErrorCodes.VM_HAS_PCI_ATTACHED.error(ref);
        }
        if ((op == SUSPEND || op == SNAPSHOT || op == CHECKPOINT || op == MIGRATE_SEND || op == POOL_MIGRATE)
                && !((Set<?>) vm.get(Vm.Fields.VUSBS)).isEmpty()) {
            return ErrorCodes.VM_HAS_VUSBS.error(ref);
        }
        return null;
    }

    static XenApiException otherInProgress(String ref, Map<?, ?> current) {
        if (current.size() == 1) {
            Map.Entry<?, ?> e = current.entrySet().iterator().next();
            return ErrorCodes.OTHER_OPERATION_IN_PROGRESS.error("VM", ref, e.getValue().toString(),
                    e.getKey().toString());
        }
        List<String> keys = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        current.forEach((k, v) -> {
            keys.add(k.toString());
            ops.add(v.toString());
        });
        return ErrorCodes.OTHER_OPERATION_IN_PROGRESS.error("VM", ref, "{" + String.join(",", ops) + "}",
                "{" + String.join(",", keys) + "}");
    }

    private static boolean isTrue(Object v) {
        return v != null && (v.equals("1") || v.toString().equalsIgnoreCase("true"));
    }

    private static boolean anyResetOnBoot(Reader r, Row vm) {
        for (Object o : (Set<?>) vm.get(Vm.Fields.VBDS)) {
            Row vbd = r.row(Vbd.CLASS, (Ref<?>) o);
            Row vdi = vbd == null ? null : r.row(Vdi.CLASS, (Ref<?>) vbd.get(Vbd.Fields.VDI));
            if (vdi != null && (vdi.get(Vdi.Fields.ON_BOOT) == org.jxapi.xenapi.model.types.OnBoot.RESET
                    || "reset".equals(String.valueOf(((Map<?, ?>) vdi.get(Vdi.Fields.SM_CONFIG)).get("on_boot"))))) {
                return true;
            }
        }
        return false;
    }

    static Set<VmOperations> allowed(Reader r, Row vm) {
        LinkedHashSet<VmOperations> out = new LinkedHashSet<>();
        for (VmOperations op : VmOperations.values()) {
            if (!IGNORED.contains(op) && error(r, vm, op) == null) {
                out.add(op);
            }
        }
        return Values.copySet(out);
    }
}
