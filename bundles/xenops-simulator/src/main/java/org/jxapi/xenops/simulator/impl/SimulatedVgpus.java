package org.jxapi.xenops.simulator.impl;

import java.util.List;

import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.VgpuBackend;

/** The simulated vGPUs: started with the domain, each once. */
final class SimulatedVgpus extends SimulatedPart implements VgpuBackend {
    SimulatedVgpus(Hypervisor hv) {
        super(hv);
    }

    @Override
    public void start(Task task, String vm, List<Vgpu> vgpus, boolean savedState) {
        locked(() -> {
            Domain d = domain(vm);
            for (Vgpu g : vgpus) {
                if (find(d.vgpus, x -> x.id().equals(g.id())) == null) {
                    d.vgpus.add(g);
                }
            }
            save(d);
        });
    }

    @Override
    public void setActive(Task task, String vm, Vgpu vgpu, boolean active) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && (active ? d.activeVgpus.add(vgpu.id().device()) : d.activeVgpus.remove(vgpu.id().device()))) {
                save(d);
            }
        });
    }

    @Override
    public VgpuState getState(String vm, Vgpu vgpu) {
        return locked(() -> {
            Domain d = table.get(vm);
            if (d == null) {
                return VgpuState.unplugged();
            }
            return new VgpuState(d.activeVgpus.contains(vgpu.id().device()),
                    find(d.vgpus, x -> x.id().equals(vgpu.id())) != null, null);
        });
    }
}
