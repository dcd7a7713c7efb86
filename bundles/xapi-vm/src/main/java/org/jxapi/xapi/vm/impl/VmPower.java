package org.jxapi.xapi.vm.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xapi.storage.api.XapiStorage;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The power operations of a VM through its xenops instance, as the original's xapi_xenops does
 * them: the VM and its devices pushed to xenops first, its disks attached and activated through
 * storage (read/write before read-only), the operation's task awaited, and the disks detached
 * when the VM no longer runs. Checks and current_operations are the caller's.
 */
final class VmPower {
    private static final Logger LOG = LoggerFactory.getLogger(VmPower.class);

    private final XenopsBridge bridge;
    private final XapiStorage storage;
    private final Path suspendDir;

    VmPower(XenopsBridge bridge, XapiStorage storage) {
        this.bridge = bridge;
        this.storage = storage;
        this.suspendDir = suspendDir(bridge.config);
    }

    /** Where suspend images go: the configured directory, else under Karaf's data directory. */
    static Path suspendDir(XapiVmConfig config) {
        String dir = config.suspend_dir();
        String data = System.getProperty("karaf.data");
        return !dir.isBlank() ? Path.of(dir)
                : Path.of(data != null ? data : System.getProperty("java.io.tmpdir"), "jxapi", "suspend");
    }

    /** A destroyed VM's suspend image (a checkpoint's memory, a suspended VM's) goes with it. */
    static void deleteImage(XapiVmConfig config, String vmUuid) {
        try {
            Files.deleteIfExists(suspendDir(config).resolve(vmUuid + ".suspend"));
        } catch (IOException e) {
            LOG.warn("VM {}: suspend image not removed: {}", vmUuid, e.toString());
        }
    }

    String dbg() {
        var c = bridge.call();
        return c == null ? "xapi" : c.message() + " " + c.task().handle();
    }

    // ---- pushing a VM to xenops

    /** Attaches the VM's disks for a start or resume; returns the xenops disk name of each VBD that has one. */
    Map<Ref<?>, String> attachDisks(Snapshot s, Row vm) {
        List<Row> rw = new ArrayList<>();
        List<Row> ro = new ArrayList<>();
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VBDS)) {
            Row vbd = s.row(org.jxapi.xenapi.model.types.Vbd.CLASS, (Ref<?>) o);
            if (vbd == null || Boolean.TRUE.equals(vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.EMPTY)) || ((Ref<?>) vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.VDI)).isNull()
                    || s.row(Vdi.CLASS, (Ref<?>) vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.VDI)) == null) {
                continue;
            }
            (vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.MODE) == VbdMode.RW ? rw : ro).add(vbd);
        }
        Map<Ref<?>, String> disks = new LinkedHashMap<>();
        // Storage cannot turn a read-only attach into a read/write one: read/write first.
        List<Row> all = new ArrayList<>(rw);
        all.addAll(ro);
        try {
            for (Row vbd : all) {
                disks.put(vbd.ref(), storage.attach(((Ref<?>) vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.VDI)).cast(), vm.uuid(),
                        XenopsConfigs.vbdDevice(vm, vbd), vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.MODE) == VbdMode.RW));
            }
        } catch (RuntimeException e) {
            detachDisks(s, vm);
            throw e;
        }
        return disks;
    }

    void detachDisks(Snapshot s, Row vm) {
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VBDS)) {
            Row vbd = s.row(org.jxapi.xenapi.model.types.Vbd.CLASS, (Ref<?>) o);
            if (vbd != null) {
                try {
                    storage.detach(vm.uuid(), XenopsConfigs.vbdDevice(vm, vbd));
                } catch (RuntimeException e) {
                    LOG.warn("VM {}: detaching {} failed: {}", vm.uuid(), vbd.uuid(), e.toString());
                }
            }
        }
    }

    /** Gives xenops the VM and its devices, unless it already has exactly these. */
    void push(XenopsQueue x, Snapshot s, Row vm, Map<Ref<?>, String> disks) {
        Vm config = XenopsConfigs.vm(vm);
        List<Vbd> vbds = new ArrayList<>();
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VBDS)) {
            Row vbd = s.row(org.jxapi.xenapi.model.types.Vbd.CLASS, (Ref<?>) o);
            if (vbd != null) {
                String disk = disks.containsKey(vbd.ref()) ? disks.get(vbd.ref()) : diskName(s, vbd);
                vbds.add(XenopsConfigs.vbd(s, vm, vbd, disk));
            }
        }
        List<Vif> vifs = new ArrayList<>();
        for (Object o : (Set<?>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VIFS)) {
            Row vif = s.row(org.jxapi.xenapi.model.types.Vif.CLASS, (Ref<?>) o);
            if (vif != null) {
                vifs.add(XenopsConfigs.vif(s, vm, vif));
            }
        }
        XenopsQueue.Pushed want = new XenopsQueue.Pushed(config, List.copyOf(vbds), List.copyOf(vifs));
        String id = vm.uuid();
        if (want.equals(x.pushed.get(id)) && x.xenops.vmExists(XenopsQueue.DBG, id)) {
            return;
        }
        bridge.call(vm.ref(), () -> {
            x.xenops.vmAdd(dbg(), config);
            List<String> keep = vbds.stream().map(v -> v.id().device()).toList();
            for (Stat<Vbd, ?> old : x.xenops.vbdList(dbg(), id)) {
                if (!keep.contains(old.config().id().device())) {
                    removeQuietly(() -> x.xenops.vbdRemove(dbg(), old.config().id()));
                }
            }
            vbds.forEach(v -> x.xenops.vbdAdd(dbg(), v));
            List<String> keepVifs = vifs.stream().map(v -> v.id().device()).toList();
            for (Stat<Vif, ?> old : x.xenops.vifList(dbg(), id)) {
                if (!keepVifs.contains(old.config().id().device())) {
                    removeQuietly(() -> x.xenops.vifRemove(dbg(), old.config().id()));
                }
            }
            vifs.forEach(v -> x.xenops.vifAdd(dbg(), v));
            return null;
        });
        x.pushed.put(id, want);
    }

    private static void removeQuietly(Runnable r) {
        try {
            r.run();
        } catch (XenApiException e) {
            LOG.debug("stale device not removed: {}", e.errorDescription());
        }
    }

    String diskName(Snapshot s, Row vbd) {
        Ref<?> vdi = (Ref<?>) vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.VDI);
        if (Boolean.TRUE.equals(vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.EMPTY)) || vdi.isNull() || s.row(Vdi.CLASS, vdi) == null) {
            return null;
        }
        return storage.diskName(vdi.cast());
    }

    // ---- operations

    XenopsQueue start(Row vm, boolean paused, boolean force) {
        Snapshot s = bridge.db.snapshot();
        XenopsQueue x = bridge.instanceFor(vm);
        Map<Ref<?>, String> disks = attachDisks(s, vm);
        try {
            push(x, s, vm, disks);
            bridge.run(x, vm.ref(), () -> x.xenops.vmStart(dbg(), vm.uuid(), force));
            if (!paused) {
                bridge.run(x, vm.ref(), () -> x.xenops.vmUnpause(dbg(), vm.uuid()));
            }
        } catch (RuntimeException e) {
            cleanUp(x, s, vm);
            throw e;
        }
        return x;
    }

    /** After a failed start or resume: no domain left behind, no disk left attached. */
    private void cleanUp(XenopsQueue x, Snapshot s, Row vm) {
        try {
            Stat<Vm, VmState> st = x.stat(vm.uuid());
            if (st != null && !st.state().domids().isEmpty()) {
                bridge.run(x, vm.ref(), () -> x.xenops.vmShutdown(dbg(), vm.uuid(), null));
            }
        } catch (RuntimeException e) {
            LOG.warn("VM {}: shutting down after a failed start failed: {}", vm.uuid(), e.toString());
        }
        detachDisks(s, vm);
    }

    XenopsQueue shutdown(Row vm, Double timeout) {
        XenopsQueue x = bridge.instanceRunning(vm);
        bridge.run(x, vm.ref(), () -> x.xenops.vmShutdown(dbg(), vm.uuid(), timeout));
        detachDisks(bridge.db.snapshot(), vm);
        return x;
    }

    /**
     * A hard shutdown of a suspended VM forgets its image. A backend that keeps a suspended
     * domain of its own (the simulator does; Xen has none) gets it resumed paused and destroyed.
     */
    XenopsQueue forgetSuspended(Row vm) {
        XenopsQueue x = null;
        try {
            x = bridge.instanceRunning(vm);
            Stat<Vm, VmState> st = x.stat(vm.uuid());
            if (st != null && st.state().powerState() == org.jxapi.xenops.api.PowerState.SUSPENDED) {
                // The backend keeps the suspended domain itself: bring it back paused, then destroy it.
                XenopsQueue xi = x;
                String image = suspendImage(vm).toString();
                bridge.run(xi, vm.ref(), () -> xi.xenops.vmResume(dbg(), vm.uuid(), Disk.local(image)));
                bridge.run(xi, vm.ref(), () -> xi.xenops.vmShutdown(dbg(), vm.uuid(), null));
            }
        } catch (XenApiException e) {
            LOG.info("VM {}: xenops kept no suspended domain: {}", vm.uuid(), e.errorDescription());
        }
        deleteImage(vm);
        return x;
    }

    private void deleteImage(Row vm) {
        try {
            Files.deleteIfExists(suspendImage(vm));
        } catch (IOException e) {
            LOG.warn("VM {}: suspend image not removed: {}", vm.uuid(), e.toString());
        }
    }

    XenopsQueue reboot(Row vm, Double timeout) {
        Snapshot s = bridge.db.snapshot();
        XenopsQueue x = bridge.instanceRunning(vm);
        // What changed while it ran applies from this boot on.
        push(x, s, vm, Map.of());
        bridge.run(x, vm.ref(), () -> x.xenops.vmReboot(dbg(), vm.uuid(), timeout));
        return x;
    }

    XenopsQueue suspend(Row vm) {
        XenopsQueue x = bridge.instanceRunning(vm);
        Path image = suspendImage(vm);
        try {
            Files.createDirectories(image.getParent());
        } catch (IOException e) {
            throw XenApiException.internal(e);
        }
        bridge.run(x, vm.ref(), () -> x.xenops.vmSuspend(dbg(), vm.uuid(), Disk.local(image.toString())));
        detachDisks(bridge.db.snapshot(), vm);
        return x;
    }

    XenopsQueue resume(Row vm, boolean paused, boolean force) {
        Snapshot s = bridge.db.snapshot();
        XenopsQueue x = bridge.instanceFor(vm);
        Path image = suspendImage(vm);
        Map<Ref<?>, String> disks = attachDisks(s, vm);
        try {
            push(x, s, vm, disks);
            bridge.run(x, vm.ref(), () -> x.xenops.vmResume(dbg(), vm.uuid(), Disk.local(image.toString())));
            if (!paused) {
                bridge.run(x, vm.ref(), () -> x.xenops.vmUnpause(dbg(), vm.uuid()));
            }
        } catch (RuntimeException e) {
            cleanUp(x, s, vm);
            throw e;
        }
        deleteImage(vm);
        return x;
    }

    XenopsQueue pause(Row vm, boolean pause) {
        XenopsQueue x = bridge.instanceRunning(vm);
        bridge.run(x, vm.ref(), () -> pause ? x.xenops.vmPause(dbg(), vm.uuid())
                : x.xenops.vmUnpause(dbg(), vm.uuid()));
        return x;
    }

    /**
     * Moves a running VM to another xenops instance on this host (the engine's migration: its
     * metadata imported there, the domain saved, resumed and unpaused there); the VM then belongs
     * to that instance's queue.
     */
    XenopsQueue migrate(Row vm, XenopsQueue target) {
        XenopsQueue source = bridge.instanceRunning(vm);
        if (source == target) {
            throw ErrorCodes.VM_MIGRATE_FAILED.error(vm.ref().handle(), source.queue, target.queue,
                    "the VM already runs on xenops instance " + target.queue);
        }
        if (target.socket == null) {
            throw ErrorCodes.VM_MIGRATE_FAILED.error(vm.ref().handle(), source.queue, target.queue,
                    "xenops instance " + target.queue + " has no socket to migrate to");
        }
        bridge.run(source, vm.ref(), () -> source.xenops.vmMigrate(dbg(), vm.uuid(), Map.of(), Map.of(), Map.of(),
                "unix:" + target.socket, false, false, true));
        source.pushed.remove(vm.uuid());
        bridge.db.write(tx -> {
            tx.removeFromMap(org.jxapi.xenapi.model.types.Vm.Fields.OTHER_CONFIG, vm.ref(), "xenops");
            tx.addToMap(org.jxapi.xenapi.model.types.Vm.Fields.OTHER_CONFIG, vm.ref(), "xenops", target.queue);
            return null;
        });
        return target;
    }

    /** VM.set_VCPUs_number_live: the backend hot-plugs or unplugs vCPUs; the guest onlines them. */
    XenopsQueue setVcpus(Row vm, int n) {
        XenopsQueue x = bridge.instanceRunning(vm);
        bridge.run(x, vm.ref(), () -> x.xenops.vmSetVcpus(dbg(), vm.uuid(), n));
        return x;
    }

    /**
     * A checkpoint's memory: a copy of the source's suspend image, owned by the snapshot {@code to}.
     * A backend that keeps suspended domains itself (the simulator) writes no image: nothing to copy.
     */
    void copyImage(Row from, Row to) {
        if (!hasImage(from)) {
            return;
        }
        try {
            Files.copy(suspendImage(from), suspendImage(to), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw XenApiException.internal(e);
        }
    }

    boolean hasImage(Row vm) {
        return Files.isRegularFile(suspendImage(vm));
    }

    Path suspendImage(Row vm) {
        return suspendDir.resolve(vm.uuid() + ".suspend");
    }

    static boolean live(Row vm) {
        VmPowerState p = (VmPowerState) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.POWER_STATE);
        return p == VmPowerState.RUNNING || p == VmPowerState.PAUSED;
    }
}
