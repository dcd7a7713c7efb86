package org.jxapi.xapi.vm.impl;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jxapi.api.spi.ObjectLifecycle;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
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
            Ref<Object> vm = tx.create("VM", fields);
            Ref<?> metrics = tx.create("VM_metrics", Map.of());
            tx.set("VM", vm, "metrics", metrics);
            tx.set("VM", vm, "domid", -1L);
            VmStates.allowed(tx, vm);
            return vm;
        });
    }

    @Override
    public void destroy(Ref<?> self, Consumer<Ref<?>> generic) {
        Snapshot s = bridge.db.snapshot();
        Row vm = s.require("VM", self);
        XenApiException e = VmChecks.error(s, vm, VmOperations.DESTROY);
        if (e != null) {
            throw e;
        }
        for (Instance x : bridge.instances().values()) {
            try {
                if (x.xenops.vmExists(Instance.DBG, vm.uuid())) {
                    x.xenops.vmRemove(Instance.DBG, vm.uuid());
                }
                x.pushed.remove(vm.uuid());
            } catch (XenApiException ex) {
                org.slf4j.LoggerFactory.getLogger(VmLifecycle.class)
                        .warn("VM {}: xenops {} kept it: {}", vm.uuid(), x.queue, ex.errorDescription());
            }
        }
        bridge.db.write(tx -> {
            Row r = tx.require("VM", self);
            for (String devices : new String[] {"VBDs", "VIFs"}) {
                for (Object o : (Set<?>) r.get(devices)) {
                    tx.destroy(devices.substring(0, 3), (Ref<?>) o);
                }
            }
            for (Object o : (Set<?>) r.get("consoles")) {
                if (tx.row("console", (Ref<?>) o) != null) {
                    tx.destroy("console", (Ref<?>) o);
                }
            }
            for (String m : new String[] {"metrics", "guest_metrics"}) {
                Ref<?> ref = (Ref<?>) r.get(m);
                String cls = m.equals("metrics") ? "VM_metrics" : "VM_guest_metrics";
                if (!ref.isNull() && tx.row(cls, ref) != null) {
                    tx.destroy(cls, ref);
                }
            }
            tx.destroy("VM", self);
            return null;
        });
        VmPower.deleteImage(bridge.config, vm.uuid());
    }
}
