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
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.DomainType;
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
    void apply(Instance x, Collection<String> vms, Collection<DeviceId> vbds, Collection<DeviceId> vifs) {
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
    void applyVm(WriteTransaction tx, Instance x, String uuid, VmPowerState force) {
        applyVm(tx, x, uuid, force, true);
    }

    /** As above; {@code allowed} false leaves allowed_operations to the caller, who changes more in the same transaction. */
    void applyVm(WriteTransaction tx, Instance x, String uuid, VmPowerState force, boolean allowed) {
        Row vm = tx.table("VM").byUuid(uuid);
        if (vm == null || Boolean.TRUE.equals(vm.get("is_control_domain"))) {
            return;
        }
        Stat<Vm, VmState> st = x.stat(uuid);
        if (st == null && force == null && !belongsTo(vm, x)) {
            // Not this instance's VM (it migrated away, or never came here): it has nothing to say of it.
            return;
        }
        VmPowerState was = (VmPowerState) vm.get("power_state");
        VmPowerState now = st == null ? VmPowerState.HALTED : power(st.state().powerState());
        Map<?, ?> ops = (Map<?, ?>) vm.get("current_operations");
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
        set(tx, "VM", ref, vm, "power_state", now);
        long domid = live && st != null && !st.state().domids().isEmpty() ? st.state().domids().get(0) : -1L;
        set(tx, "VM", ref, vm, "domid", domid);
        set(tx, "VM", ref, vm, "resident_on", live ? thisHost(tx) : Ref.nullRef());
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
                set(tx, "VM", ref, vm, "requires_reboot", false);
                VmGuestMetrics.clear(tx, tx.require("VM", ref));
            }
            LOG.debug("VM {} is now {} (was {})", uuid, now, was);
        }
        if (allowed) {
            allowed(tx, ref);
        }
    }

    static void allowed(WriteTransaction tx, Ref<?> vm) {
        Row row = tx.row("VM", vm);
        if (row != null) {
            Set<VmOperations> allowed = VmChecks.allowed(tx, row);
            if (!Objects.equals(row.get("allowed_operations"), allowed)) {
                tx.set("VM", vm, "allowed_operations", allowed);
            }
        }
    }

    private static void detachAll(WriteTransaction tx, Row vm) {
        for (Object o : (Set<?>) vm.get("VBDs")) {
            Row vbd = tx.row("VBD", (Ref<?>) o);
            if (vbd != null) {
                set(tx, "VBD", vbd.ref(), vbd, "currently_attached", false);
                VbdChecks.refresh(tx, vbd.ref());
            }
        }
        for (Object o : (Set<?>) vm.get("VIFs")) {
            Row vif = tx.row("VIF", (Ref<?>) o);
            if (vif != null) {
                set(tx, "VIF", vif.ref(), vif, "currently_attached", false);
            }
        }
    }

    private void refreshDevices(WriteTransaction tx, Instance x, Row vm) {
        for (Object o : (Set<?>) vm.get("VBDs")) {
            Row vbd = tx.row("VBD", (Ref<?>) o);
            if (vbd != null) {
                applyVbd(tx, x, new DeviceId(vm.uuid(), XenopsConfigs.vbdDevice(vm, vbd)));
            }
        }
        for (Object o : (Set<?>) vm.get("VIFs")) {
            Row vif = tx.row("VIF", (Ref<?>) o);
            if (vif != null) {
                applyVif(tx, x, new DeviceId(vm.uuid(), (String) vif.get("device")));
            }
        }
    }

    private static void metrics(WriteTransaction tx, Row vm, VmState s) {
        Ref<?> m = (Ref<?>) vm.get("metrics");
        Row row = m.isNull() ? null : tx.row("VM_metrics", m);
        if (row == null) {
            m = tx.create("VM_metrics", Map.of());
            tx.set("VM", vm.ref(), "metrics", m);
            row = tx.require("VM_metrics", m);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("memory_actual", s.memoryActual());
        f.put("VCPUs_number", (long) s.vcpuTarget());
        f.put("start_time", s.lastStartTime() > 0 ? Instant.ofEpochMilli((long) (s.lastStartTime() * 1000))
                : Instant.EPOCH);
        f.put("hvm", s.hvm());
        f.put("nomigrate", s.nomigrate());
        f.put("nested_virt", s.nestedVirt());
        f.put("current_domain_type", switch (s.domainType()) {
            case HVM -> DomainType.HVM;
            case PV -> DomainType.PV;
            case PVH -> DomainType.PVH;
            case PV_IN_PVH -> DomainType.PV_IN_PVH;
            default -> DomainType.UNSPECIFIED;
        });
        boolean changed = false;
        for (Map.Entry<String, Object> e : f.entrySet()) {
            changed |= set(tx, "VM_metrics", m, row, e.getKey(), e.getValue());
        }
        if (changed) {
            tx.set("VM_metrics", m, "last_updated", Instant.now());
        }
    }

    void applyVbd(WriteTransaction tx, Instance x, DeviceId id) {
        Row vm = tx.table("VM").byUuid(id.vm());
        if (vm == null) {
            return;
        }
        for (Object o : (Set<?>) vm.get("VBDs")) {
            Row vbd = tx.row("VBD", (Ref<?>) o);
            if (vbd != null && id.device().equals(XenopsConfigs.vbdDevice(vm, vbd))) {
                VbdState s;
                try {
                    s = x.xenops.vbdStat(Instance.DBG, id).state();
                } catch (XenopsException e) {
                    return;
                }
                set(tx, "VBD", vbd.ref(), vbd, "currently_attached", s.active() || s.plugged());
                set(tx, "VBD", vbd.ref(), vbd, "device", id.device());
                VbdChecks.refresh(tx, vbd.ref());
                return;
            }
        }
    }

    void applyVif(WriteTransaction tx, Instance x, DeviceId id) {
        Row vm = tx.table("VM").byUuid(id.vm());
        if (vm == null) {
            return;
        }
        for (Object o : (Set<?>) vm.get("VIFs")) {
            Row vif = tx.row("VIF", (Ref<?>) o);
            if (vif != null && id.device().equals(vif.get("device"))) {
                VifState s;
                try {
                    s = x.xenops.vifStat(Instance.DBG, id).state();
                } catch (XenopsException e) {
                    return;
                }
                set(tx, "VIF", vif.ref(), vif, "currently_attached", s.active() || s.plugged());
                return;
            }
        }
    }

    /** Writes a field only when it changes: an unchanged set would still make an event. */
    static boolean set(WriteTransaction tx, String cls, Ref<?> ref, Row row, String field, Object value) {
        Object old = tx.row(cls, ref) == null ? null : tx.row(cls, ref).get(field);
        if (Objects.equals(old, value)) {
            return false;
        }
        tx.set(cls, ref, field, value);
        return true;
    }

    static Ref<?> thisHost(org.jxapi.db.Reader r) {
        for (Row pool : r.table("pool")) {
            return (Ref<?>) pool.get("master");
        }
        return Ref.nullRef();
    }

    /**
     * Whether {@code x} is the instance a VM belongs to: the one its other_config:xenops names even
     * when that instance is not (yet) there, as after a restart, when instances come up one by one.
     */
    private boolean belongsTo(Row vm, Instance x) {
        Object wanted = ((Map<?, ?>) vm.get("other_config")).get("xenops");
        if (wanted instanceof String w && !w.isEmpty()) {
            return w.equals(x.queue);
        }
        return x.queue.equals(queueOf.apply(vm));
    }

    /** Operations a previous run of the toolstack left in current_operations ended with it. */
    void clearStaleOperations() {
        db.write(tx -> {
            for (String cls : new String[] {"VM", "VBD", "VIF"}) {
                for (Row r : tx.table(cls)) {
                    if (!((Map<?, ?>) r.get("current_operations")).isEmpty()) {
                        tx.set(cls, r.ref(), "current_operations", Values.emptyMap());
                        if (cls.equals("VM")) {
                            allowed(tx, r.ref());
                        } else if (cls.equals("VBD")) {
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
    void resync(Instance x) {
        List<Stat<Vm, VmState>> known = x.xenops.vmList(Instance.DBG);
        Set<String> ids = new java.util.HashSet<>();
        known.forEach(s -> ids.add(s.config().id()));
        db.write(tx -> {
            Ref<?> host = thisHost(tx);
            for (String id : ids) {
                applyVm(tx, x, id, null);
            }
            for (Row vm : tx.table("VM")) {
                VmPowerState p = (VmPowerState) vm.get("power_state");
                if ((p == VmPowerState.RUNNING || p == VmPowerState.PAUSED) && host.equals(vm.get("resident_on"))
                        && !Boolean.TRUE.equals(vm.get("is_control_domain")) && !ids.contains(vm.uuid())
                        && belongsTo(vm, x)) {
                    LOG.warn("VM {} was {} but xenops {} does not know it: marking it halted", vm.uuid(), p, x.queue);
                    applyVm(tx, x, vm.uuid(), VmPowerState.HALTED);
                }
            }
            return null;
        });
    }
}
