package org.jxapi.xapi.vm.impl;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Console;
import org.jxapi.xenapi.model.types.Vbd;
import org.jxapi.xenapi.model.types.Vif;
import org.jxapi.xenapi.model.types.Vm;
import org.jxapi.xenapi.model.types.VmMetrics;
import org.jxapi.xenapi.model.types.VmOperations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * VM.create and VM.destroy as the original customises them: a new VM gets its metrics object and
 * allowed_operations; a VM is destroyed only when its power state allows it, with its VBDs, VIFs
 * and metrics (its disks stay), and xenops forgets it.
 */
@Component(service = ObjectLifecycle.class, property = ObjectLifecycle.CLASS + "=VM")
public class VmLifecycle implements ObjectLifecycle {
    private final XenopsBridge bridge;

    @Activate
    public VmLifecycle(@Reference(name = "bridge") XenopsBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public Ref<?> create(Map<String, Object> fields, Function<Map<String, Object>, Ref<?>> generic) {
        return bridge.db.write(tx -> {
            // The client's record, by name, as the implicit VM.create gives it.
            Ref<Object> vm = tx.create(Vm.CLASS.name(), fields);
            Ref<VmMetrics> metrics = tx.create(VmMetrics.CLASS, FieldValues.of(VmMetrics.CLASS));
            tx.set(Vm.Fields.METRICS, vm, metrics);
            tx.set(Vm.Fields.DOMID, vm, -1L);
            VmStates.allowed(tx, vm);
            return vm;
        });
    }

    @Override
    public void destroy(Ref<?> self, Consumer<Ref<?>> generic) {
        Snapshot s = bridge.db.snapshot();
        Row vm = s.require(Vm.CLASS, self);
        XenApiException e = VmChecks.error(s, vm, VmOperations.DESTROY);
        if (e != null) {
            throw e;
        }
        for (XenopsQueue x : bridge.instances().values()) {
            try {
                if (x.xenops.vmExists(XenopsQueue.DBG, vm.uuid())) {
                    x.xenops.vmRemove(XenopsQueue.DBG, vm.uuid());
                }
                x.pushed.remove(vm.uuid());
            } catch (XenApiException ex) {
                org.slf4j.LoggerFactory.getLogger(VmLifecycle.class)
                        .warn("VM {}: xenops {} kept it: {}", vm.uuid(), x.queue, ex.errorDescription());
            }
        }
        bridge.db.write(tx -> {
            Row r = tx.require(Vm.CLASS, self);
            for (Object o : r.get(Vm.Fields.VBDS)) {
                tx.destroy(Vbd.CLASS, (Ref<?>) o);
            }
            for (Object o : r.get(Vm.Fields.VIFS)) {
                tx.destroy(Vif.CLASS, (Ref<?>) o);
            }
            for (Object o : (Set<?>) r.get(Vm.Fields.CONSOLES)) {
                if (tx.row(Console.CLASS, (Ref<?>) o) != null) {
                    tx.destroy(Console.CLASS, (Ref<?>) o);
                }
            }
            Ref<VmMetrics> metrics = r.get(Vm.Fields.METRICS);
            if (!metrics.isNull() && tx.row(VmMetrics.CLASS, metrics) != null) {
                tx.destroy(VmMetrics.CLASS, metrics);
            }
            Ref<org.jxapi.xenapi.model.types.VmGuestMetrics> guest = r.get(Vm.Fields.GUEST_METRICS);
            if (!guest.isNull() && tx.row(org.jxapi.xenapi.model.types.VmGuestMetrics.CLASS, guest) != null) {
                tx.destroy(org.jxapi.xenapi.model.types.VmGuestMetrics.CLASS, guest);
            }
            tx.destroy(Vm.CLASS, self);
            return null;
        });
        VmPower.deleteImage(bridge.config, vm.uuid());
    }
}
