package org.jxapi.xapi.vm.impl;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xapi.storage.api.XapiStorage;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.api.VbdApi;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.VbdOperations;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * VBD.plug, unplug, unplug_force, eject and insert: hotplug through the VM's xenops instance,
 * with the VDI attached (or detached) through storage around it. Eject and insert on a drive
 * that is not plugged (a halted VM's) only change the database: the media go in at the plug.
 */
@Component(service = VbdApi.class)
public class VbdMessages implements VbdApi {
    private final XenopsBridge bridge;
    private final XapiStorage storage;

    @Activate
    public VbdMessages(@Reference(name = "bridge") XenopsBridge bridge,
            @Reference(name = "storage") XapiStorage storage) {
        this.bridge = bridge;
        this.storage = storage;
    }

    private String key() {
        var c = bridge.call();
        return c != null && !c.task().isNull() ? c.task().handle() : Ref.fresh().handle();
    }

    private Row beginVbd(Ref<Vbd> vbd, VbdOperations op, String key) {
        return bridge.db.write(tx -> {
            Row r = tx.require(Vbd.CLASS, vbd);
            XenApiException e = VbdChecks.error(tx, r, op);
            if (e != null) {
                throw e;
            }
            tx.addToMap(Vbd.Fields.CURRENT_OPERATIONS, vbd, key, op);
            VbdChecks.refresh(tx, vbd);
            return r;
        });
    }

    private void endVbd(Ref<Vbd> vbd, String key, XenopsQueue x, String vmUuid, String device) {
        bridge.db.write(tx -> {
            if (tx.row(Vbd.CLASS, vbd) == null) {
                return null;
            }
            if (x != null) {
                bridge.states.applyVbd(tx, x, new DeviceId(vmUuid, device));
            }
            tx.removeFromMap(Vbd.Fields.CURRENT_OPERATIONS, vbd, key);
            VbdChecks.refresh(tx, vbd);
            return null;
        });
    }

    private String dbg() {
        var c = bridge.call();
        return c == null ? "xapi" : c.message();
    }

    // ---- VBD

    @Override
    public void plug(Ref<Session> sessionId, Ref<Vbd> self) {
        String key = key();
        Row vbd = beginVbd(self, VbdOperations.PLUG, key);
        Snapshot s = bridge.db.snapshot();
        Row vm = s.require(Vm.CLASS, (Ref<?>) vbd.get(Vbd.Fields.VM));
        String device = XenopsConfigs.vbdDevice(vm, vbd);
        XenopsQueue x = null;
        try {
            x = bridge.instanceRunning(vm);
            XenopsQueue xi = x;
            Ref<?> vdi = (Ref<?>) vbd.get(Vbd.Fields.VDI);
            String disk = Boolean.TRUE.equals(vbd.get(Vbd.Fields.EMPTY)) || vdi.isNull() ? null
                    : storage.attach(vdi.cast(), vm.uuid(), device, vbd.get(Vbd.Fields.MODE) == VbdMode.RW);
            try {
                bridge.call(vm.ref(), () -> xi.xenops.vbdAdd(dbg(), XenopsConfigs.vbd(s, vm, vbd, disk)));
                xi.pushed.remove(vm.uuid());
                bridge.run(xi, vm.ref(), () -> xi.xenops.vbdPlug(dbg(), new DeviceId(vm.uuid(), device)));
            } catch (RuntimeException e) {
                storage.detach(vm.uuid(), device);
                throw e;
            }
        } finally {
            endVbd(self, key, x, vm.uuid(), device);
        }
    }

    @Override
    public void unplug(Ref<Session> sessionId, Ref<Vbd> self) {
        unplug(self, false);
    }

    @Override
    public void unplugForce(Ref<Session> sessionId, Ref<Vbd> self) {
        unplug(self, true);
    }

    private void unplug(Ref<Vbd> self, boolean force) {
        String key = key();
        Row vbd = beginVbd(self, force ? VbdOperations.UNPLUG_FORCE : VbdOperations.UNPLUG, key);
        Row vm = bridge.db.snapshot().require(Vm.CLASS, (Ref<?>) vbd.get(Vbd.Fields.VM));
        String device = XenopsConfigs.vbdDevice(vm, vbd);
        XenopsQueue x = null;
        try {
            x = bridge.instanceRunning(vm);
            XenopsQueue xi = x;
            bridge.run(xi, vm.ref(), () -> xi.xenops.vbdUnplug(dbg(), new DeviceId(vm.uuid(), device), force));
            storage.detach(vm.uuid(), device);
        } finally {
            endVbd(self, key, x, vm.uuid(), device);
        }
    }

    @Override
    public void eject(Ref<Session> sessionId, Ref<Vbd> vbd) {
        String key = key();
        Row row = beginVbd(vbd, VbdOperations.EJECT, key);
        Row vm = bridge.db.snapshot().require(Vm.CLASS, (Ref<?>) row.get(Vbd.Fields.VM));
        String device = XenopsConfigs.vbdDevice(vm, row);
        XenopsQueue x = null;
        try {
            if (VmPower.live(vm) && Boolean.TRUE.equals(row.get(Vbd.Fields.CURRENTLY_ATTACHED))) {
                x = bridge.instanceRunning(vm);
                XenopsQueue xi = x;
                bridge.run(xi, vm.ref(), () -> xi.xenops.vbdEject(dbg(), new DeviceId(vm.uuid(), device)));
                xi.pushed.remove(vm.uuid());
                storage.detach(vm.uuid(), device);
            }
            bridge.db.write(tx -> {
                tx.set(Vbd.Fields.VDI, vbd, Ref.nullRef());
                tx.set(Vbd.Fields.EMPTY, vbd, true);
                return null;
            });
        } finally {
            endVbd(vbd, key, x, vm.uuid(), device);
        }
    }

    @Override
    public void insert(Ref<Session> sessionId, Ref<Vbd> vbd, Ref<Vdi> vdi) {
        bridge.db.snapshot().require(Vdi.CLASS, vdi);
        String key = key();
        Row row = beginVbd(vbd, VbdOperations.INSERT, key);
        Row vm = bridge.db.snapshot().require(Vm.CLASS, (Ref<?>) row.get(Vbd.Fields.VM));
        String device = XenopsConfigs.vbdDevice(vm, row);
        XenopsQueue x = null;
        try {
            if (VmPower.live(vm) && Boolean.TRUE.equals(row.get(Vbd.Fields.CURRENTLY_ATTACHED))) {
                x = bridge.instanceRunning(vm);
                XenopsQueue xi = x;
                String disk = storage.attach(vdi, vm.uuid(), device, false);
                try {
                    bridge.run(xi, vm.ref(),
                            () -> xi.xenops.vbdInsert(dbg(), new DeviceId(vm.uuid(), device), Disk.vdi(disk)));
                    xi.pushed.remove(vm.uuid());
                } catch (RuntimeException e) {
                    storage.detach(vm.uuid(), device);
                    throw e;
                }
            }
            bridge.db.write(tx -> {
                tx.set(Vbd.Fields.VDI, vbd, vdi);
                tx.set(Vbd.Fields.EMPTY, vbd, false);
                return null;
            });
        } finally {
            endVbd(vbd, key, x, vm.uuid(), device);
        }
    }
}
