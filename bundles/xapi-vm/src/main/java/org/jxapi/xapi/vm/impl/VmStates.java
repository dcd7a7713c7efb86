package org.jxapi.xapi.vm.impl;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import org.jxapi.api.Call;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.WriteTransaction;
import org.jxapi.xenapi.model.Field;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.MapField;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.DomainType;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Pool;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.Vif;
import org.jxapi.xenapi.model.types.VmMetrics;
import org.jxapi.xenapi.model.types.VmOperations;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.XenopsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What xenops says of a VM, written to the database (the original's update_vm, update_vbd,
 * update_vif): power_state, domid, resident_on, the VM_metrics object, currently_attached of
 * VBDs and VIFs, and allowed_operations. The state is read from xenops inside the write
 * transaction: transactions are serialised, so a later write always carries a later state and
 * a slow writer can never put an old state back.
 */
final class VmStates {
    private static final Logger LOG = LoggerFactory.getLogger(VmStates.class);

    private final Database db;
    private final java.util.function.Function<Row, String> queueOf;
    /** How long a task's progress waits before it is written: a task done by then needs none. */
    private static final long PROGRESS_DELAY_MS = 200;
    private final Map<Call, Double> progress = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService progressWriter =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jxapi-xenops-progress");
                t.setDaemon(true);
                return t;
            });

    VmStates(Database db, java.util.function.Function<Row, String> queueOf) {
        this.db = db;
        this.queueOf = queueOf;
    }

    void close() {
        progressWriter.shutdownNow();
    }

    /**
     * Task progress goes to the XenAPI task off the watcher's thread, coalesced and a little
     * late: each report is a database write, the watcher must keep up with thousands of VMs, and
     * the progress of a task that has finished meanwhile is not written at all.
     */
    void progress(Call call, double fraction) {
        if (progress.put(call, fraction) == null) {
            progressWriter.schedule(() -> {
                Double f = progress.remove(call);
                if (f != null) {
                    try {
                        call.progress(f);
                    } catch (RuntimeException e) {
                        LOG.debug("progress of a finished task: {}", e.toString());
                    }
                }
            }, PROGRESS_DELAY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    static VmPowerState power(PowerState p) {
        return switch (p) {
            case RUNNING -> VmPowerState.RUNNING;
            case PAUSED -> VmPowerState.PAUSED;
            case SUSPENDED -> VmPowerState.SUSPENDED;
            case HALTED -> VmPowerState.HALTED;
        };
    }

    /** Applies one batch of updates in one transaction. */
    void apply(XenopsQueue x, Collection<String> vms, Collection<DeviceId> vbds, Collection<DeviceId> vifs) {
        db.write(tx -> {
            for (String vm : vms) {
                applyVm(tx, x, vm, null);
            }
            for (DeviceId id : vbds) {
                applyVbd(tx, x, id);
            }
            for (DeviceId id : vifs) {
                applyVif(tx, x, id);
            }
            return null;
        });
    }

    /**
     * Brings a VM's object in step with xenops. {@code force} overrides the power state (a
     * suspended VM has no domain, so xenops calls it halted).
     */
    void applyVm(WriteTransaction tx, XenopsQueue x, String uuid, VmPowerState force) {
        applyVm(tx, x, uuid, force, true);
    }

    /** As above; {@code allowed} false leaves allowed_operations to the caller, who changes more in the same transaction. */
    void applyVm(WriteTransaction tx, XenopsQueue x, String uuid, VmPowerState force, boolean allowed) {
        Row vm = tx.table(org.jxapi.xenapi.model.types.Vm.CLASS).byUuid(uuid);
        if (vm == null || Boolean.TRUE.equals(vm.get(org.jxapi.xenapi.model.types.Vm.Fields.IS_CONTROL_DOMAIN))) {
            return;
        }
        Stat<Vm, VmState> st = x.stat(uuid);
        if (st == null && force == null && !belongsTo(vm, x)) {
            // Not this instance's VM (it migrated away, or never came here): it has nothing to say of it.
            return;
        }
        VmPowerState was = (VmPowerState) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.POWER_STATE);
        VmPowerState now = st == null ? VmPowerState.HALTED : power(st.state().powerState());
        Map<?, ?> ops = (Map<?, ?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.CURRENT_OPERATIONS);
        if (force != null) {
            now = force;
        } else if (now == VmPowerState.HALTED && was == VmPowerState.SUSPENDED) {
            now = VmPowerState.SUSPENDED;
        } else if (now == VmPowerState.HALTED && (ops.containsValue(VmOperations.SUSPEND)
                || ops.containsValue(VmOperations.CHECKPOINT) || ops.containsValue(VmOperations.POOL_MIGRATE))) {
            // Half-way through a suspend the domain is gone before the image is known to be complete;
            // a checkpoint resumes it from that image, a migration at its destination.
            now = was;
        }
        boolean live = now == VmPowerState.RUNNING || now == VmPowerState.PAUSED;
        Ref<?> ref = vm.ref();
        set(tx, ref, vm, org.jxapi.xenapi.model.types.Vm.Fields.POWER_STATE, now);
        long domid = live && st != null && !st.state().domids().isEmpty() ? st.state().domids().get(0) : -1L;
        set(tx, ref, vm, org.jxapi.xenapi.model.types.Vm.Fields.DOMID, domid);
        set(tx, ref, vm, org.jxapi.xenapi.model.types.Vm.Fields.RESIDENT_ON, live ? thisHost(tx) : Ref.nullRef());
        if (live && st != null) {
            metrics(tx, vm, st.state());
            VmGuestMetrics.sync(tx, vm, st.state());
        }
        VmConsoles.sync(tx, vm, live && st != null ? st.state().consoles() : List.of());
        if (now != was) {
            if (now == VmPowerState.HALTED || now == VmPowerState.SUSPENDED) {
                detachAll(tx, vm);
            } else {
                refreshDevices(tx, x, vm);
            }
            if (now == VmPowerState.HALTED) {
                set(tx, ref, vm, org.jxapi.xenapi.model.types.Vm.Fields.REQUIRES_REBOOT, false);
                VmGuestMetrics.clear(tx, tx.require(org.jxapi.xenapi.model.types.Vm.CLASS, ref));
            }
            LOG.debug("VM {} is now {} (was {})", uuid, now, was);
        }
        if (allowed) {
            allowed(tx, ref);
        }
    }

    static void allowed(WriteTransaction tx, Ref<?> vm) {
        Row row = tx.row(org.jxapi.xenapi.model.types.Vm.CLASS, vm);
        if (row != null) {
            Set<VmOperations> allowed = VmChecks.allowed(tx, row);
            if (!Objects.equals(row.get(org.jxapi.xenapi.model.types.Vm.Fields.ALLOWED_OPERATIONS), allowed)) {
                tx.set(org.jxapi.xenapi.model.types.Vm.Fields.ALLOWED_OPERATIONS, vm, allowed);
            }
        }
    }

    private static void detachAll(WriteTransaction tx, Row vm) {
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VBDS)) {
            Row vbd = tx.row(Vbd.CLASS, (Ref<?>) o);
            if (vbd != null) {
                set(tx, vbd.ref(), vbd, Vbd.Fields.CURRENTLY_ATTACHED, false);
                VbdChecks.refresh(tx, vbd.ref());
            }
        }
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VIFS)) {
            Row vif = tx.row(Vif.CLASS, (Ref<?>) o);
            if (vif != null) {
                set(tx, vif.ref(), vif, Vif.Fields.CURRENTLY_ATTACHED, false);
            }
        }
    }

    private void refreshDevices(WriteTransaction tx, XenopsQueue x, Row vm) {
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VBDS)) {
            Row vbd = tx.row(Vbd.CLASS, (Ref<?>) o);
            if (vbd != null) {
                applyVbd(tx, x, new DeviceId(vm.uuid(), XenopsConfigs.vbdDevice(vm, vbd)));
            }
        }
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VIFS)) {
            Row vif = tx.row(Vif.CLASS, (Ref<?>) o);
            if (vif != null) {
                applyVif(tx, x, new DeviceId(vm.uuid(), (String) vif.get(Vif.Fields.DEVICE)));
            }
        }
    }

    private static void metrics(WriteTransaction tx, Row vm, VmState s) {
        Ref<?> m = (Ref<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.METRICS);
        Row row = m.isNull() ? null : tx.row(VmMetrics.CLASS, m);
        if (row == null) {
            m = tx.create(VmMetrics.CLASS, FieldValues.of(VmMetrics.CLASS));
            tx.set(org.jxapi.xenapi.model.types.Vm.Fields.METRICS, vm.ref(), m.cast());
            row = tx.require(VmMetrics.CLASS, m);
        }
        FieldValues<VmMetrics> f = FieldValues.of(VmMetrics.CLASS);
        f.put(VmMetrics.Fields.MEMORY_ACTUAL, s.memoryActual());
        f.put(VmMetrics.Fields.VCPUS_NUMBER, (long) s.vcpuTarget());
        f.put(VmMetrics.Fields.START_TIME, s.lastStartTime() > 0 ? Instant.ofEpochMilli((long) (s.lastStartTime() * 1000))
                : Instant.EPOCH);
        f.put(VmMetrics.Fields.HVM, s.hvm());
        f.put(VmMetrics.Fields.NOMIGRATE, s.nomigrate());
        f.put(VmMetrics.Fields.NESTED_VIRT, s.nestedVirt());
        f.put(VmMetrics.Fields.CURRENT_DOMAIN_TYPE, switch (s.domainType()) {
            case HVM -> DomainType.HVM;
            case PV -> DomainType.PV;
            case PVH -> DomainType.PVH;
            case PV_IN_PVH -> DomainType.PV_IN_PVH;
            default -> DomainType.UNSPECIFIED;
        });
        boolean changed = setChanged(tx, m, f);
        if (changed) {
            tx.set(VmMetrics.Fields.LAST_UPDATED, m, Instant.now());
        }
    }

    void applyVbd(WriteTransaction tx, XenopsQueue x, DeviceId id) {
        Row vm = tx.table(org.jxapi.xenapi.model.types.Vm.CLASS).byUuid(id.vm());
        if (vm == null) {
            return;
        }
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VBDS)) {
            Row vbd = tx.row(Vbd.CLASS, (Ref<?>) o);
            if (vbd != null && id.device().equals(XenopsConfigs.vbdDevice(vm, vbd))) {
                VbdState s;
                try {
                    s = x.xenops.vbdStat(XenopsQueue.DBG, id).state();
                } catch (XenopsException e) {
                    return;
                }
                set(tx, vbd.ref(), vbd, Vbd.Fields.CURRENTLY_ATTACHED, s.active() || s.plugged());
                set(tx, vbd.ref(), vbd, Vbd.Fields.DEVICE, id.device());
                VbdChecks.refresh(tx, vbd.ref());
                return;
            }
        }
    }

    void applyVif(WriteTransaction tx, XenopsQueue x, DeviceId id) {
        Row vm = tx.table(org.jxapi.xenapi.model.types.Vm.CLASS).byUuid(id.vm());
        if (vm == null) {
            return;
        }
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VIFS)) {
            Row vif = tx.row(Vif.CLASS, (Ref<?>) o);
            if (vif != null && id.device().equals(vif.get(Vif.Fields.DEVICE))) {
                VifState s;
                try {
                    s = x.xenops.vifStat(XenopsQueue.DBG, id).state();
                } catch (XenopsException e) {
                    return;
                }
                set(tx, vif.ref(), vif, Vif.Fields.CURRENTLY_ATTACHED, s.active() || s.plugged());
                return;
            }
        }
    }

    /** Writes a field only when it changes: an unchanged set would still make an event. */
    static <V> boolean set(WriteTransaction tx, Ref<?> ref, Row row, Field<?, V> field, V value) {
        Row now = tx.row(field.owner(), ref);
        Object old = now == null ? null : now.get(field);
        if (Objects.equals(old, value)) {
            return false;
        }
        tx.set(field, ref, value);
        return true;
    }

    /** {@link #set} for each of {@code fields}; true when any changed. */
    static boolean setChanged(WriteTransaction tx, Ref<?> ref, FieldValues<?> fields) {
        String cls = fields.owner().name();
        boolean changed = false;
        for (Map.Entry<String, Object> e : fields.asMap().entrySet()) {
            Row now = tx.row(cls, ref);
            if (!Objects.equals(now == null ? null : now.get(e.getKey()), e.getValue())) {
                tx.set(cls, ref, e.getKey(), e.getValue());
                changed = true;
            }
        }
        return changed;
    }

    static Ref<Host> thisHost(org.jxapi.db.Reader r) {
        for (Row pool : r.table(Pool.CLASS)) {
            return pool.get(Pool.Fields.MASTER);
        }
        return Ref.nullRef();
    }

    /**
     * Whether {@code x} is the instance a VM belongs to: the one its other_config:xenops names even
     * when that instance is not (yet) there, as after a restart, when instances come up one by one.
     */
    private boolean belongsTo(Row vm, XenopsQueue x) {
        Object wanted = ((Map<?, ?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.OTHER_CONFIG)).get("xenops");
        if (wanted instanceof String w && !w.isEmpty()) {
            return w.equals(x.queue);
        }
        return x.queue.equals(queueOf.apply(vm));
    }

    /** Operations a previous run of the toolstack left in current_operations ended with it. */
    void clearStaleOperations() {
        db.write(tx -> {
            for (MapField<?, String, ?> ops : List.of(org.jxapi.xenapi.model.types.Vm.Fields.CURRENT_OPERATIONS, Vbd.Fields.CURRENT_OPERATIONS,
                    Vif.Fields.CURRENT_OPERATIONS)) {
                for (Row r : tx.table(ops.owner())) {
                    if (!r.get(ops).isEmpty()) {
                        tx.set(ops, r.ref(), Values.emptyMap());
                        if (ops.owner() == org.jxapi.xenapi.model.types.Vm.CLASS) {
                            allowed(tx, r.ref());
                        } else if (ops.owner() == Vbd.CLASS) {
                            VbdChecks.refresh(tx, r.ref());
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * After an instance (re)appears: every VM it knows is brought up to date, and VMs this host
     * ran on that instance which it no longer knows are halted (a crash lost them). VMs of other
     * instances are left alone.
     */
    void resync(XenopsQueue x) {
        List<Stat<Vm, VmState>> known = x.xenops.vmList(XenopsQueue.DBG);
        Set<String> ids = new java.util.HashSet<>();
        known.forEach(s -> ids.add(s.config().id()));
        db.write(tx -> {
            Ref<?> host = thisHost(tx);
            for (String id : ids) {
                applyVm(tx, x, id, null);
            }
            for (Row vm : tx.table(org.jxapi.xenapi.model.types.Vm.CLASS)) {
                VmPowerState p = (VmPowerState) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.POWER_STATE);
                if ((p == VmPowerState.RUNNING || p == VmPowerState.PAUSED) && host.equals(vm.get(org.jxapi.xenapi.model.types.Vm.Fields.RESIDENT_ON))
                        && !Boolean.TRUE.equals(vm.get(org.jxapi.xenapi.model.types.Vm.Fields.IS_CONTROL_DOMAIN)) && !ids.contains(vm.uuid())
                        && belongsTo(vm, x)) {
                    LOG.warn("VM {} was {} but xenops {} does not know it: marking it halted", vm.uuid(), p, x.queue);
                    applyVm(tx, x, vm.uuid(), VmPowerState.HALTED);
                }
            }
            return null;
        });
    }
}
