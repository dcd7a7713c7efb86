package org.jxapi.xenops.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.XenopsException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The original's {@code module VM}: a VM's domain. Operations that change the domain take the
 * {@link Task} first; their defaults answer {@code Unimplemented}, queries answer a halted VM.
 */
@ConsumerType
public interface VmBackend {
    /** Told when a VM comes under management; if its domain exists, check what stat needs is intact. */
    default void add(Vm vm) {
    }

    default void remove(Vm vm) {
    }

    default void rename(String from, String to, RenameWhen when) {
    }

    /**
     * Creates an empty, paused domain. When starting a VM the engine then marks it
     * {@code NEEDS_POWEROFF} with {@link #setDomainActionRequest} and clears that when the start
     * completes, so the request must be kept with the domain (and survive a restart of the server);
     * a backend may also set it itself at creation, as a real Xen domain's action-request key does.
     */
    default void create(Task task, Long memoryUpperBound, Vm vm, String finalId, boolean noSharept) {
        throw XenopsException.unimplemented("VM.create");
    }

    default void build(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus, List<Vusb> vusbs,
            List<String> extras, boolean force) {
        throw XenopsException.unimplemented("VM.build");
    }

    default void createDeviceModel(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus,
            List<Vusb> vusbs, boolean saveState) {
        throw XenopsException.unimplemented("VM.create_device_model");
    }

    default void destroyDeviceModel(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.destroy_device_model");
    }

    /** Destroys the domain; idempotent. */
    default void destroy(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.destroy");
    }

    default void pause(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.pause");
    }

    default void unpause(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.unpause");
    }

    default void setXsdata(Task task, Vm vm, Map<String, String> xsdata) {
        throw XenopsException.unimplemented("VM.set_xsdata");
    }

    default void setVcpus(Task task, Vm vm, int vcpus) {
        throw XenopsException.unimplemented("VM.set_vcpus");
    }

    default void setShadowMultiplier(Task task, Vm vm, double multiplier) {
        throw XenopsException.unimplemented("VM.set_shadow_multiplier");
    }

    default void setMemoryDynamicRange(Task task, Vm vm, long min, long max) {
        throw XenopsException.unimplemented("VM.set_memory_dynamic_range");
    }

    /** Asks the guest to shut down; true once it acknowledged within {@code ackDelay} seconds. */
    default boolean requestShutdown(Task task, Vm vm, ShutdownRequest reason, double ackDelay) {
        throw XenopsException.unimplemented("VM.request_shutdown");
    }

    /** Waits up to {@code timeout} seconds for the guest to shut down; true if it did. */
    default boolean waitShutdown(Task task, Vm vm, ShutdownRequest reason, double timeout) {
        throw XenopsException.unimplemented("VM.wait_shutdown");
    }

    default void assertCanSave(Vm vm) {
        throw XenopsException.unimplemented("VM.assert_can_save");
    }

    default void save(Task task, DoubleConsumer progress, Vm vm, Disk data, Disk vgpuData) {
        throw XenopsException.unimplemented("VM.save");
    }

    default void restore(Task task, DoubleConsumer progress, Vm vm, List<Vbd> vbds, List<Vif> vifs, Disk data,
            Disk vgpuData, List<String> extras) {
        throw XenopsException.unimplemented("VM.restore");
    }

    /** Fast resume of a domain that suspended in place. */
    default void resume(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.resume");
    }

    default void s3Suspend(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.s3suspend");
    }

    default void s3Resume(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.s3resume");
    }

    default void softReset(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.soft_reset");
    }

    default VmState getState(Vm vm) {
        return VmState.halted();
    }

    default void requestRdp(Vm vm, boolean enabled) {
        throw XenopsException.unimplemented("VM.request_rdp");
    }

    /** Runs a script in the guest; the result is a plain JSON value. */
    default Object runScript(Task task, Vm vm, String script) {
        throw XenopsException.unimplemented("VM.run_script");
    }

    /** Sets or (with null) clears the domain's pending request; {@code Does_not_exist} without a domain. */
    default void setDomainActionRequest(Vm vm, DomainActionRequest request) {
    }

    default Optional<DomainActionRequest> getDomainActionRequest(Vm vm) {
        return Optional.empty();
    }

    /** Extra arguments for hook scripts (e.g. {@code -vmdomid 5}). */
    default List<String> getHookArgs(String vmId) {
        return List.of();
    }

    default String generateStateString(Vm vm) {
        return "";
    }

    default String getInternalState(Map<String, String> vdiMap, Map<String, Network> vifMap, Vm vm) {
        return "";
    }

    default void setInternalState(Vm vm, String state) {
    }

    default void waitBallooning(Task task, Vm vm) {
    }

    /** Reboots of a VM that ran for less than this many seconds are delayed, to damp reboot loops. */
    default double minimumRebootDelay() {
        return 0;
    }
}
