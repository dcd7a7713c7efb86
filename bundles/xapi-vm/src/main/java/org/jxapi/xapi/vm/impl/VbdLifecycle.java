package org.jxapi.xapi.vm.impl;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.VbdType;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenops.api.DeviceId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * VBD.create and VBD.destroy as the original customises them: a free userdevice for
 * "autodetect", no duplicate userdevice, read-only CD drives, and no destroying a plugged VBD.
 */
@Component(service = ObjectLifecycle.class, property = ObjectLifecycle.CLASS + "=VBD")
public class VbdLifecycle implements ObjectLifecycle {
    private final XenopsBridge bridge;

    @Activate
    public VbdLifecycle(@Reference(name = "bridge") XenopsBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public Ref<?> create(Map<String, Object> fields, Function<Map<String, Object>, Ref<?>> generic) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        return bridge.db.write(tx -> {
            Ref<?> vm = (Ref<?>) f.getOrDefault(Vbd.Fields.VM.name(), Ref.nullRef());
            Row vmRow = tx.require(Vm.CLASS, vm);
            boolean empty = Boolean.TRUE.equals(f.get(Vbd.Fields.EMPTY.name()));
            Ref<?> vdi = (Ref<?>) f.getOrDefault(Vbd.Fields.VDI.name(), Ref.nullRef());
            if (!empty) {
                tx.require(Vdi.CLASS, vdi);
            }
            if (f.get(Vbd.Fields.TYPE.name()) == VbdType.CD && f.get(Vbd.Fields.MODE.name()) == VbdMode.RW) {
                throw ErrorCodes.VBD_CDS_MUST_BE_READONLY.error();
            }
            Set<String> used = new HashSet<>();
            for (Object o : (Set<?>) vmRow.get(Vm.Fields.VBDS)) {
                Row vbd = tx.row(Vbd.CLASS, (Ref<?>) o);
                if (vbd != null) {
                    used.add((String) vbd.get(Vbd.Fields.USERDEVICE));
                }
            }
            String user = (String) f.getOrDefault(Vbd.Fields.USERDEVICE.name(), "");
            if (user.isEmpty() || user.equals("autodetect")) {
                int n = 0;
                while (used.contains(Integer.toString(n))) {
                    n++;
                }
                user = Integer.toString(n);
            } else if (used.contains(user)) {
                throw ErrorCodes.DEVICE_ALREADY_EXISTS.error(user);
            }
            // The client's record is by name (the implicit VBD.create); what is added is named by typed key.
            f.put(Vbd.Fields.USERDEVICE.name(), user);
            f.put(Vbd.Fields.CURRENTLY_ATTACHED.name(), false);
            Ref<?> vbd = tx.create(Vbd.CLASS.name(), f);
            VbdChecks.refresh(tx, vbd);
            return vbd;
        });
    }

    @Override
    public void destroy(Ref<?> self, Consumer<Ref<?>> generic) {
        Snapshot s = bridge.db.snapshot();
        Row vbd = s.require(Vbd.CLASS, self);
        if (Boolean.TRUE.equals(vbd.get(Vbd.Fields.CURRENTLY_ATTACHED))) {
            throw ErrorCodes.OPERATION_NOT_ALLOWED.error("VBD currently attached to a running VM");
        }
        Row vm = s.row(Vm.CLASS, (Ref<?>) vbd.get(Vbd.Fields.VM));
        if (vm != null) {
            for (XenopsQueue x : bridge.instances().values()) {
                try {
                    x.xenops.vbdRemove(XenopsQueue.DBG, new DeviceId(vm.uuid(), XenopsConfigs.vbdDevice(vm, vbd)));
                } catch (XenApiException e) {
                    // xenops does not know it: nothing to remove.
                }
                x.pushed.remove(vm.uuid());
            }
        }
        generic.accept(self);
    }
}
