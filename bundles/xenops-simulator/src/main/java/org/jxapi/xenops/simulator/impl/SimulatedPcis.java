package org.jxapi.xenops.simulator.impl;

import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.PciBackend;
import org.jxapi.xenops.spi.Task;

/** The simulated passed-through PCI devices: one per position. */
final class SimulatedPcis extends SimulatedPart implements PciBackend {
    SimulatedPcis(Hypervisor hv) {
        super(hv);
    }

    @Override
    public void plug(Task task, String vm, Pci pci, boolean qmpAddDevice) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.pcis, p -> p.position() == pci.position() || p.id().equals(pci.id())) != null) {
                throw XenopsException.alreadyExists("pci", Integer.toString(pci.position()));
            }
            d.pcis.add(pci);
            save(d);
        });
    }

    @Override
    public void unplug(Task task, String vm, Pci pci) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && d.pcis.removeIf(p -> p.id().equals(pci.id()))) {
                save(d);
            }
        });
    }

    @Override
    public PciState getState(String vm, Pci pci) {
        return locked(() -> {
            Domain d = table.get(vm);
            return new PciState(d != null && find(d.pcis, p -> p.id().equals(pci.id())) != null);
        });
    }
}
