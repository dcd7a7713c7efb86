package org.jxapi.xenops.simulator.impl;

import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.VusbBackend;

/** The simulated USB pass-through devices. */
final class SimulatedVusbs extends SimulatedPart implements VusbBackend {
    SimulatedVusbs(Hypervisor hv) {
        super(hv);
    }

    @Override
    public void plug(Task task, String vm, Vusb vusb) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.vusbs, x -> x.id().equals(vusb.id())) != null) {
                throw XenopsException.alreadyExists("vusb", vusb.id().toString());
            }
            d.vusbs.add(vusb);
            save(d);
        });
    }

    @Override
    public void unplug(Task task, String vm, Vusb vusb) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && d.vusbs.removeIf(x -> x.id().equals(vusb.id()))) {
                save(d);
            }
        });
    }

    @Override
    public VusbState getState(String vm, Vusb vusb) {
        return locked(() -> {
            Domain d = table.get(vm);
            return new VusbState(d != null && find(d.vusbs, x -> x.id().equals(vusb.id())) != null);
        });
    }
}
