package org.jxapi.xapi.vm.impl;

import java.util.Map;

import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.VifApi;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vif;
import org.jxapi.xenapi.model.types.VifOperations;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.jxapi.xenops.api.DeviceId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** VIF.plug, unplug and unplug_force: hotplug through the VM's xenops instance. */
@Component(service = VifApi.class)
public class VifMessages implements VifApi {
    private final XenopsBridge bridge;

    @Activate
    public VifMessages(@Reference(name = "bridge") XenopsBridge bridge) {
        this.bridge = bridge;
    }

    private String dbg() {
        var c = bridge.call();
        return c == null ? "xapi" : c.message();
    }

    // ---- VIF

    private Row vifChecked(Ref<Vif> vif, VifOperations op) {
        Snapshot s = bridge.db.snapshot();
        Row r = s.require(Vif.CLASS, vif);
        Row vm = s.require(Vm.CLASS, (Ref<?>) r.get(Vif.Fields.VM));
        VmPowerState p = (VmPowerState) vm.get(Vm.Fields.POWER_STATE);
        if (!VmPower.live(vm)) {
            throw ErrorCodes.VM_BAD_POWER_STATE.error(vm.ref().handle(), "running", VmChecks.lower(p));
        }
        boolean attached = Boolean.TRUE.equals(r.get(Vif.Fields.CURRENTLY_ATTACHED));
        if (op == VifOperations.PLUG && attached) {
            throw ErrorCodes.DEVICE_ALREADY_ATTACHED.error(vif.handle());
        }
        if (op == VifOperations.UNPLUG && !attached) {
            throw ErrorCodes.DEVICE_ALREADY_DETACHED.error(vif.handle());
        }
        if (!((Map<?, ?>) r.get(Vif.Fields.CURRENT_OPERATIONS)).isEmpty()) {
            Map.Entry<?, ?> e = ((Map<?, ?>) r.get(Vif.Fields.CURRENT_OPERATIONS)).entrySet().iterator().next();
            throw ErrorCodes.OTHER_OPERATION_IN_PROGRESS.error("VIF", vif.handle(), e.getValue().toString(),
                    e.getKey().toString());
        }
        return r;
    }

    @Override
    public void plug(Ref<Session> sessionId, Ref<Vif> self) {
        Row vif = vifChecked(self, VifOperations.PLUG);
        Snapshot s = bridge.db.snapshot();
        Row vm = s.require(Vm.CLASS, (Ref<?>) vif.get(Vif.Fields.VM));
        XenopsQueue x = bridge.instanceRunning(vm);
        DeviceId id = new DeviceId(vm.uuid(), (String) vif.get(Vif.Fields.DEVICE));
        try {
            bridge.call(vm.ref(), () -> x.xenops.vifAdd(dbg(), XenopsConfigs.vif(s, vm, vif)));
            x.pushed.remove(vm.uuid());
            bridge.run(x, vm.ref(), () -> x.xenops.vifPlug(dbg(), id));
        } finally {
            refreshVif(x, id);
        }
    }

    @Override
    public void unplug(Ref<Session> sessionId, Ref<Vif> self) {
        unplugVif(self, false);
    }

    @Override
    public void unplugForce(Ref<Session> sessionId, Ref<Vif> self) {
        unplugVif(self, true);
    }

    private void unplugVif(Ref<Vif> self, boolean force) {
        Row vif = vifChecked(self, VifOperations.UNPLUG);
        Row vm = bridge.db.snapshot().require(Vm.CLASS, (Ref<?>) vif.get(Vif.Fields.VM));
        XenopsQueue x = bridge.instanceRunning(vm);
        DeviceId id = new DeviceId(vm.uuid(), (String) vif.get(Vif.Fields.DEVICE));
        try {
            bridge.run(x, vm.ref(), () -> x.xenops.vifUnplug(dbg(), id, force));
        } finally {
            refreshVif(x, id);
        }
    }

    private void refreshVif(XenopsQueue x, DeviceId id) {
        bridge.db.write(tx -> {
            bridge.states.applyVif(tx, x, id);
            return null;
        });
    }
}
