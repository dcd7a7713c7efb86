package org.jxapi.xenops.spi;

import java.util.List;

import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.api.XenopsException;
import org.osgi.annotation.versioning.ConsumerType;

/** The original's {@code module VGPU}: a VM's virtual GPUs. */
@ConsumerType
public interface VgpuBackend {
    default void start(Task task, String vm, List<Vgpu> vgpus, boolean savedState) {
        throw XenopsException.unimplemented("VGPU.start");
    }

    default void setActive(Task task, String vm, Vgpu vgpu, boolean active) {
    }

    default VgpuState getState(String vm, Vgpu vgpu) {
        return VgpuState.unplugged();
    }
}
