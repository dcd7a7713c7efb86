package org.jxapi.xapi.vm.impl;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jxapi.api.Call;
import org.jxapi.db.Row;
import org.jxapi.xapi.storage.api.XapiStorage;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.api.VmApi;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.Vif;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmOperations;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM messages: the power operations through xenops, clone, snapshot, revert and provision.
 * Each operation is checked and entered in current_operations in one transaction (so that two
 * cannot both pass the check), and when it ends the VM's state as xenops reports it is written
 * in the same transaction that removes it from current_operations: when the call returns, the
 * database already shows the result.
 */
@Component(service = VmApi.class)
public class VmMessages implements VmApi {
    private static final Logger LOG = LoggerFactory.getLogger(VmMessages.class);

    private final XenopsBridge bridge;
    private final VmPower power;
    private final VmCopies copies;

    @Activate
    public VmMessages(@Reference(name = "bridge") XenopsBridge bridge, @Reference(name = "storage") XapiStorage storage) {
        this.bridge = bridge;
        this.power = new VmPower(bridge, storage);
        this.copies = new VmCopies(bridge, storage);
    }

    String opKey() {
        Call c = bridge.call();
        return c != null && !c.task().isNull() ? c.task().handle() : Ref.fresh().handle();
    }

    /** Checks {@code op} and marks it running; returns the VM as it was then. */
    Row begin(Ref<?> vm, VmOperations op, String key) {
        return bridge.db.write(tx -> {
            Row r = tx.require(Vm.CLASS, vm);
            XenApiException e = VmChecks.error(tx, r, op);
            if (e != null) {
                throw e;
            }
            tx.addToMap(Vm.Fields.CURRENT_OPERATIONS, vm, key, op);
            VmStates.allowed(tx, vm);
            return r;
        });
    }

    /** Ends {@code op}: the state xenops reports (or {@code force}) and the end of the operation, in one write. */
    void end(Ref<?> vm, String key, XenopsQueue x, VmPowerState force) {
        bridge.db.write(tx -> {
            Row r = tx.row(Vm.CLASS, vm);
            if (r == null) {
                return null;
            }
            if (x != null || force != null) {
                if (x != null) {
                    bridge.states.applyVm(tx, x, r.uuid(), force, false);
                } else {
                    VmStates.set(tx, vm, r, Vm.Fields.POWER_STATE, force);
                }
            }
            if (((Map<?, ?>) tx.require(Vm.CLASS, vm).get(Vm.Fields.CURRENT_OPERATIONS)).containsKey(key)) {
                tx.removeFromMap(Vm.Fields.CURRENT_OPERATIONS, vm, key);
            }
            VmStates.allowed(tx, vm);
            return null;
        });
    }

    /** Runs a power operation; {@code after} forces the final power state (null: as xenops says). */
    private void lifecycle(Ref<Vm> vm, VmOperations op, VmPowerState after, Function<Row, XenopsQueue> work) {
        String key = opKey();
        Row row = begin(vm, op, key);
        XenopsQueue x = null;
        boolean ok = false;
        try {
            x = work.apply(row);
            ok = true;
        } finally {
            XenopsQueue used = x;
            if (used == null && VmPower.live(row)) {
                try {
                    used = bridge.instanceRunning(row);
                } catch (RuntimeException e) {
                    used = null;
                }
            }
            end(vm, key, used, ok ? after : null);
        }
    }

    // ---- power operations

    @Override
    public void start(Ref<Session> sessionId, Ref<Vm> vm, boolean startPaused, boolean force) {
        lifecycle(vm, VmOperations.START, null, row -> power.start(row, startPaused, force));
    }

    @Override
    public void startOn(Ref<Session> sessionId, Ref<Vm> vm, Ref<Host> host, boolean startPaused, boolean force) {
        requireThisHost(host, vm);
        lifecycle(vm, VmOperations.START_ON, null, row -> power.start(row, startPaused, force));
    }

    private void requireThisHost(Ref<Host> host, Ref<Vm> vm) {
        bridge.db.snapshot().require(Host.CLASS, host);
        if (!host.equals(VmStates.thisHost(bridge.db.snapshot()))) {
            throw ErrorCodes.VM_NOT_RESIDENT_HERE.error(vm.handle(), host.handle());
        }
    }

    @Override
    public void cleanShutdown(Ref<Session> sessionId, Ref<Vm> vm) {
        lifecycle(vm, VmOperations.CLEAN_SHUTDOWN, null,
                row -> power.shutdown(row, bridge.config.clean_shutdown_timeout()));
    }

    @Override
    public void hardShutdown(Ref<Session> sessionId, Ref<Vm> vm) {
        Row now = bridge.db.snapshot().require(Vm.CLASS, vm);
        if (now.get(Vm.Fields.POWER_STATE) == VmPowerState.SUSPENDED) {
            lifecycle(vm, VmOperations.HARD_SHUTDOWN, VmPowerState.HALTED, power::forgetSuspended);
            return;
        }
        lifecycle(vm, VmOperations.HARD_SHUTDOWN, null, row -> power.shutdown(row, null));
    }

    /** Clean first; a guest that does not go in time (or refuses) is shut down hard, as the original's VM.shutdown. */
    @Override
    public void shutdown(Ref<Session> sessionId, Ref<Vm> vm) {
        Row now = bridge.db.snapshot().require(Vm.CLASS, vm);
        if (now.get(Vm.Fields.POWER_STATE) == VmPowerState.RUNNING) {
            try {
                cleanShutdown(sessionId, vm);
                return;
            } catch (XenApiException e) {
                if (e.code().equals(ErrorCodes.OTHER_OPERATION_IN_PROGRESS.name())
                        || e.code().equals(ErrorCodes.TASK_CANCELLED.name())) {
                    throw e;
                }
                LOG.info("VM {}: clean shutdown failed ({}); shutting it down hard", vm, e.errorDescription());
            }
        }
        hardShutdown(sessionId, vm);
    }

    @Override
    public void cleanReboot(Ref<Session> sessionId, Ref<Vm> vm) {
        lifecycle(vm, VmOperations.CLEAN_REBOOT, null,
                row -> power.reboot(row, bridge.config.clean_reboot_timeout()));
    }

    @Override
    public void hardReboot(Ref<Session> sessionId, Ref<Vm> vm) {
        lifecycle(vm, VmOperations.HARD_REBOOT, null, row -> power.reboot(row, null));
    }

    @Override
    public void suspend(Ref<Session> sessionId, Ref<Vm> vm) {
        lifecycle(vm, VmOperations.SUSPEND, VmPowerState.SUSPENDED, power::suspend);
    }

    @Override
    public void resume(Ref<Session> sessionId, Ref<Vm> vm, boolean startPaused, boolean force) {
        lifecycle(vm, VmOperations.RESUME, null, row -> power.resume(row, startPaused, force));
    }

    @Override
    public void resumeOn(Ref<Session> sessionId, Ref<Vm> vm, Ref<Host> host, boolean startPaused, boolean force) {
        requireThisHost(host, vm);
        lifecycle(vm, VmOperations.RESUME_ON, null, row -> power.resume(row, startPaused, force));
    }

    @Override
    public void pause(Ref<Session> sessionId, Ref<Vm> vm) {
        lifecycle(vm, VmOperations.PAUSE, null, row -> power.pause(row, true));
    }

    @Override
    public void unpause(Ref<Session> sessionId, Ref<Vm> vm) {
        lifecycle(vm, VmOperations.UNPAUSE, null, row -> power.pause(row, false));
    }

    @Override
    public void setVcpusNumberLive(Ref<Session> sessionId, Ref<Vm> self, long nvcpu) {
        lifecycle(self, VmOperations.CHANGING_VCPUS_LIVE, null, row -> {
            long max = (Long) row.get(Vm.Fields.VCPUS_MAX);
            if (nvcpu < 1 || nvcpu > max) {
                throw ErrorCodes.INVALID_VALUE.error("nvcpu", Long.toString(nvcpu));
            }
            XenopsQueue x = power.setVcpus(row, (int) nvcpu);
            // As the original: the new count is also the one the next boot starts with.
            bridge.db.write(tx -> {
                VmStates.set(tx, self, tx.require(Vm.CLASS, self), Vm.Fields.VCPUS_AT_STARTUP, nvcpu);
                return null;
            });
            return x;
        });
    }

    /**
     * VM.checkpoint: a snapshot with the memory. The VM is suspended to its image, its disks are
     * snapshotted while nothing writes to them, the snapshot (Suspended) gets a copy of the image,
     * and the VM is resumed from it, paused if it was.
     */
    @Override
    public Ref<Vm> checkpoint(Ref<Session> sessionId, Ref<Vm> vm, String newName) {
        String key = opKey();
        Row row = begin(vm, VmOperations.CHECKPOINT, key);
        boolean paused = row.get(Vm.Fields.POWER_STATE) == VmPowerState.PAUSED;
        XenopsQueue x = null;
        try {
            try {
                x = power.suspend(row);
            } catch (XenApiException e) {
                LOG.warn("VM {}: checkpoint: suspend failed: {}", row.uuid(), e.errorDescription());
                throw ErrorCodes.VM_CHECKPOINT_SUSPEND_FAILED.error(vm.handle());
            }
            Ref<Vm> snap;
            try {
                snap = copies.copy(vm, newName, VmCopies.Kind.SNAPSHOT, Set.of());
                Row snapRow = bridge.db.snapshot().require(Vm.CLASS, snap);
                power.copyImage(row, snapRow);
                bridge.db.write(tx -> {
                    tx.set(Vm.Fields.POWER_STATE, snap, VmPowerState.SUSPENDED);
                    tx.set(Vm.Fields.SNAPSHOT_INFO, snap, Values.mapOf("power-state-at-snapshot",
                            ((VmPowerState) row.get(Vm.Fields.POWER_STATE)).wireName(), "disk-snapshot-type",
                            "crash_consistent"));
                    return null;
                });
            } finally {
                try {
                    power.resume(bridge.db.snapshot().require(Vm.CLASS, vm), paused, false);
                } catch (XenApiException e) {
                    LOG.warn("VM {}: checkpoint: resume failed: {}", row.uuid(), e.errorDescription());
                    throw ErrorCodes.VM_CHECKPOINT_RESUME_FAILED.error(vm.handle());
                }
            }
            return snap;
        } finally {
            end(vm, key, x, null);
        }
    }

    /**
     * VM.pool_migrate within this host, between xenops instances: {@code options:xenops} names the
     * destination queue (this toolstack's extension; a pool of one host has nowhere else to go).
     */
    @Override
    public void poolMigrate(Ref<Session> sessionId, Ref<Vm> vm, Ref<Host> host, Map<String, String> options) {
        Row row = bridge.db.snapshot().require(Vm.CLASS, vm);
        bridge.db.snapshot().require(Host.CLASS, host);
        Ref<?> here = VmStates.thisHost(bridge.db.snapshot());
        String wanted = options == null ? null : options.get("xenops");
        XenopsQueue target = wanted == null ? null : bridge.instances().get(wanted);
        if (!host.equals(here) || target == null) {
            String why = !host.equals(here) ? "only migration within this host is supported"
                    : wanted == null ? "options:xenops must name the destination xenops queue"
                    : "no xenops instance serves queue " + wanted;
            throw ErrorCodes.VM_MIGRATE_FAILED.error(vm.handle(), here.handle(), host.handle(), why);
        }
        LOG.info("VM {}: migrating to xenops instance {}", row.uuid(), wanted);
        lifecycle(vm, VmOperations.POOL_MIGRATE, null, r -> power.migrate(r, target));
    }

    /** Sets Halted in the database only, for a VM whose host died (no check of xenops, as the original). */
    @Override
    public void powerStateReset(Ref<Session> sessionId, Ref<Vm> vm) {
        bridge.db.write(tx -> {
            Row r = tx.require(Vm.CLASS, vm);
            if (Boolean.TRUE.equals(r.get(Vm.Fields.IS_CONTROL_DOMAIN))) {
                throw ErrorCodes.OPERATION_NOT_ALLOWED.error("This operation is not allowed on a control domain");
            }
            tx.set(Vm.Fields.CURRENT_OPERATIONS, vm, Values.emptyMap());
            VmStates.set(tx, vm, r, Vm.Fields.POWER_STATE, VmPowerState.HALTED);
            VmStates.set(tx, vm, r, Vm.Fields.DOMID, -1L);
            VmStates.set(tx, vm, r, Vm.Fields.RESIDENT_ON, Ref.nullRef());
            VmStates.allowed(tx, vm);
            return null;
        });
    }

    // ---- copies

    @Override
    public Ref<Vm> clone(Ref<Session> sessionId, Ref<Vm> vm, String newName) {
        String key = opKey();
        begin(vm, VmOperations.CLONE, key);
        try {
            return copies.copy(vm, newName, VmCopies.Kind.CLONE, Set.of());
        } finally {
            end(vm, key, null, null);
        }
    }

    @Override
    public Ref<Vm> snapshot(Ref<Session> sessionId, Ref<Vm> vm, String newName, Set<Ref<Vdi>> ignoreVdis) {
        String key = opKey();
        begin(vm, VmOperations.SNAPSHOT, key);
        try {
            return copies.copy(vm, newName, VmCopies.Kind.SNAPSHOT, ignoreVdis == null ? Set.of() : ignoreVdis);
        } finally {
            end(vm, key, null, null);
        }
    }

    @Override
    public void revert(Ref<Session> sessionId, Ref<Vm> snapshot) {
        String key = opKey();
        begin(snapshot, VmOperations.REVERT, key);
        try {
            copies.revert(snapshot, this);
            revertMemory(snapshot);
        } finally {
            end(snapshot, key, null, null);
        }
    }

    /** Reverting to a checkpoint leaves the VM suspended with the checkpoint's memory, as the original. */
    private void revertMemory(Ref<Vm> snapshot) {
        Row snap = bridge.db.snapshot().require(Vm.CLASS, snapshot);
        Row target = bridge.db.snapshot().row(Vm.CLASS, (Ref<?>) snap.get(Vm.Fields.SNAPSHOT_OF));
        if (target == null || snap.get(Vm.Fields.POWER_STATE) != VmPowerState.SUSPENDED || !power.hasImage(snap)) {
            return;
        }
        power.copyImage(snap, target);
        bridge.db.write(tx -> {
            VmStates.set(tx, target.ref(), tx.require(Vm.CLASS, target.ref()), Vm.Fields.POWER_STATE,
                    VmPowerState.SUSPENDED);
            VmStates.allowed(tx, target.ref());
            return null;
        });
    }

    @Override
    public void provision(Ref<Session> sessionId, Ref<Vm> vm) {
        String key = opKey();
        begin(vm, VmOperations.PROVISION, key);
        try {
            copies.provision(vm);
        } finally {
            end(vm, key, null, null);
        }
    }

    // ---- checks

    @Override
    public void assertOperationValid(Ref<Session> sessionId, Ref<Vm> self, VmOperations op) {
        var s = bridge.db.snapshot();
        XenApiException e = VmChecks.error(s, s.require(Vm.CLASS, self), op);
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void updateAllowedOperations(Ref<Session> sessionId, Ref<Vm> self) {
        bridge.db.write(tx -> {
            tx.require(Vm.CLASS, self);
            VmStates.allowed(tx, self);
            return null;
        });
    }

    @Override
    public Set<String> getAllowedVbdDevices(Ref<Session> sessionId, Ref<Vm> vm) {
        Set<String> used = VmCopies.usedUserdevices(bridge.db.snapshot(), vm);
        LinkedHashSet<String> free = new LinkedHashSet<>();
        for (int i = 0; i < 16; i++) {
            if (!used.contains(Integer.toString(i))) {
                free.add(Integer.toString(i));
            }
        }
        return Values.copySet(free);
    }

    @Override
    public Set<String> getAllowedVifDevices(Ref<Session> sessionId, Ref<Vm> vm) {
        Row r = bridge.db.snapshot().require(Vm.CLASS, vm);
        Set<String> used = new java.util.HashSet<>();
        for (Object o : (Set<?>) r.get(Vm.Fields.VIFS)) {
            Row vif = bridge.db.snapshot().row(Vif.CLASS, (Ref<?>) o);
            if (vif != null) {
                used.add((String) vif.get(Vif.Fields.DEVICE));
            }
        }
        LinkedHashSet<String> free = new LinkedHashSet<>();
        for (int i = 0; i < 7; i++) {
            if (!used.contains(Integer.toString(i))) {
                free.add(Integer.toString(i));
            }
        }
        return Values.copySet(free);
    }
}
