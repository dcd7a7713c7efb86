package org.jxapi.xenops.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.XenopsException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A xenops backend: the hypervisor-specific half of a xenops instance. The engine turns every
 * operation into a list of these calls and runs at most one at a time per VM; calls for different
 * VMs may run concurrently.
 *
 * <p>Every method has a default: operations throw {@code Unimplemented}, queries return the neutral
 * state (a halted VM, an unplugged device), so a backend overrides only what it can do. Operations
 * that change a domain take the {@link Task} first. Backends register as
 * {@code @Backend("<name>")} ({@code xenops.backend=<name>}).
 */
@ConsumerType
public interface XenopsBackend {

    // HOST

    default Host hostStat() {
        return Host.unknown();
    }

    default String hostGetConsoleData() {
        return "";
    }

    default long hostGetTotalMemoryMib() {
        return 0;
    }

    default void hostSendDebugKeys(String keys) {
    }

    default void hostUpdateGuestAgentFeatures(List<Map<String, String>> features) {
    }

    default String hostCombineCpuPolicies(String policy1, String policy2) {
        return "";
    }

    default boolean hostIsCompatible(String vmPolicy, String hostPolicy) {
        return false;
    }

    // VM

    /** Told when a VM comes under management; if its domain exists, check what stat needs is intact. */
    default void vmAdd(Vm vm) {
    }

    default void vmRemove(Vm vm) {
    }

    default void vmRename(String from, String to, RenameWhen when) {
    }

    /**
     * Creates an empty, paused domain. When starting a VM the engine then marks it
     * {@code NEEDS_POWEROFF} with {@link #vmSetDomainActionRequest} and clears that when the start
     * completes, so the request must be kept with the domain (and survive a restart of the server);
     * a backend may also set it itself at creation, as a real Xen domain's action-request key does.
     */
    default void vmCreate(Task task, Long memoryUpperBound, Vm vm, String finalId, boolean noSharept) {
        throw XenopsException.unimplemented("VM.create");
    }

    default void vmBuild(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus, List<Vusb> vusbs,
            List<String> extras, boolean force) {
        throw XenopsException.unimplemented("VM.build");
    }

    default void vmCreateDeviceModel(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus,
            List<Vusb> vusbs, boolean saveState) {
        throw XenopsException.unimplemented("VM.create_device_model");
    }

    default void vmDestroyDeviceModel(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.destroy_device_model");
    }

    /** Destroys the domain; idempotent. */
    default void vmDestroy(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.destroy");
    }

    default void vmPause(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.pause");
    }

    default void vmUnpause(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.unpause");
    }

    default void vmSetXsdata(Task task, Vm vm, Map<String, String> xsdata) {
        throw XenopsException.unimplemented("VM.set_xsdata");
    }

    default void vmSetVcpus(Task task, Vm vm, int vcpus) {
        throw XenopsException.unimplemented("VM.set_vcpus");
    }

    default void vmSetShadowMultiplier(Task task, Vm vm, double multiplier) {
        throw XenopsException.unimplemented("VM.set_shadow_multiplier");
    }

    default void vmSetMemoryDynamicRange(Task task, Vm vm, long min, long max) {
        throw XenopsException.unimplemented("VM.set_memory_dynamic_range");
    }

    /** Asks the guest to shut down; true once it acknowledged within {@code ackDelay} seconds. */
    default boolean vmRequestShutdown(Task task, Vm vm, ShutdownRequest reason, double ackDelay) {
        throw XenopsException.unimplemented("VM.request_shutdown");
    }

    /** Waits up to {@code timeout} seconds for the guest to shut down; true if it did. */
    default boolean vmWaitShutdown(Task task, Vm vm, ShutdownRequest reason, double timeout) {
        throw XenopsException.unimplemented("VM.wait_shutdown");
    }

    default void vmAssertCanSave(Vm vm) {
        throw XenopsException.unimplemented("VM.assert_can_save");
    }

    default void vmSave(Task task, DoubleConsumer progress, Vm vm, Disk data, Disk vgpuData) {
        throw XenopsException.unimplemented("VM.save");
    }

    default void vmRestore(Task task, DoubleConsumer progress, Vm vm, List<Vbd> vbds, List<Vif> vifs, Disk data,
            Disk vgpuData, List<String> extras) {
        throw XenopsException.unimplemented("VM.restore");
    }

    /** Fast resume of a domain that suspended in place. */
    default void vmResume(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.resume");
    }

    default void vmS3Suspend(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.s3suspend");
    }

    default void vmS3Resume(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.s3resume");
    }

    default void vmSoftReset(Task task, Vm vm) {
        throw XenopsException.unimplemented("VM.soft_reset");
    }

    default VmState vmGetState(Vm vm) {
        return VmState.halted();
    }

    default void vmRequestRdp(Vm vm, boolean enabled) {
        throw XenopsException.unimplemented("VM.request_rdp");
    }

    /** Runs a script in the guest; the result is a plain JSON value. */
    default Object vmRunScript(Task task, Vm vm, String script) {
        throw XenopsException.unimplemented("VM.run_script");
    }

    /** Sets or (with null) clears the domain's pending request; {@code Does_not_exist} without a domain. */
    default void vmSetDomainActionRequest(Vm vm, DomainActionRequest request) {
    }

    default Optional<DomainActionRequest> vmGetDomainActionRequest(Vm vm) {
        return Optional.empty();
    }

    /** Extra arguments for hook scripts (e.g. {@code -vmdomid 5}). */
    default List<String> vmGetHookArgs(String vmId) {
        return List.of();
    }

    default String vmGenerateStateString(Vm vm) {
        return "";
    }

    default String vmGetInternalState(Map<String, String> vdiMap, Map<String, Network> vifMap, Vm vm) {
        return "";
    }

    default void vmSetInternalState(Vm vm, String state) {
    }

    default void vmWaitBallooning(Task task, Vm vm) {
    }

    /** Reboots of a VM that ran for less than this many seconds are delayed, to damp reboot loops. */
    default double vmMinimumRebootDelay() {
        return 0;
    }

    // PCI

    default PciState pciGetState(String vm, Pci pci) {
        return PciState.unplugged();
    }

    default void pciPlug(Task task, String vm, Pci pci, boolean qmpAddDevice) {
        throw XenopsException.unimplemented("PCI.plug");
    }

    default void pciUnplug(Task task, String vm, Pci pci) {
        throw XenopsException.unimplemented("PCI.unplug");
    }

    default Optional<DeviceActionRequest> pciGetDeviceActionRequest(String vm, Pci pci) {
        return Optional.empty();
    }

    default void pciDequarantine(PciAddress address) {
    }

    // VBD

    default void vbdSetActive(Task task, String vm, Vbd vbd, boolean active) {
    }

    default void vbdEpochBegin(Task task, String vm, Disk disk, boolean persistent) {
    }

    default void vbdEpochEnd(Task task, String vm, Disk disk) {
    }

    default void vbdAttach(Task task, String vm, Vbd vbd) {
        throw XenopsException.unimplemented("VBD.attach");
    }

    default void vbdActivate(Task task, String vm, Vbd vbd) {
        throw XenopsException.unimplemented("VBD.activate");
    }

    default void vbdUnplug(Task task, String vm, Vbd vbd, boolean force) {
        throw XenopsException.unimplemented("VBD.unplug");
    }

    default void vbdDeactivate(Task task, String vm, Vbd vbd, boolean force) {
        throw XenopsException.unimplemented("VBD.deactivate");
    }

    default void vbdDetach(Task task, String vm, Vbd vbd) {
        throw XenopsException.unimplemented("VBD.detach");
    }

    default void vbdInsert(Task task, String vm, Vbd vbd, Disk disk) {
        throw XenopsException.unimplemented("VBD.insert");
    }

    default void vbdEject(Task task, String vm, Vbd vbd) {
        throw XenopsException.unimplemented("VBD.eject");
    }

    default void vbdSetQos(Task task, String vm, Vbd vbd) {
    }

    default VbdState vbdGetState(String vm, Vbd vbd) {
        return VbdState.unplugged();
    }

    default Optional<DeviceActionRequest> vbdGetDeviceActionRequest(String vm, Vbd vbd) {
        return Optional.empty();
    }

    // VIF

    default void vifSetActive(Task task, String vm, Vif vif, boolean active) {
    }

    default void vifPlug(Task task, String vm, Vif vif) {
        throw XenopsException.unimplemented("VIF.plug");
    }

    default void vifUnplug(Task task, String vm, Vif vif, boolean force) {
        throw XenopsException.unimplemented("VIF.unplug");
    }

    default void vifMove(Task task, String vm, Vif vif, Network network) {
        throw XenopsException.unimplemented("VIF.move");
    }

    default void vifSetCarrier(Task task, String vm, Vif vif, boolean carrier) {
        throw XenopsException.unimplemented("VIF.set_carrier");
    }

    default void vifSetLockingMode(Task task, String vm, Vif vif, LockingMode mode) {
        throw XenopsException.unimplemented("VIF.set_locking_mode");
    }

    default void vifSetIpv4Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        throw XenopsException.unimplemented("VIF.set_ipv4_configuration");
    }

    default void vifSetIpv6Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        throw XenopsException.unimplemented("VIF.set_ipv6_configuration");
    }

    default void vifSetPvsProxy(Task task, String vm, Vif vif, PvsProxy proxy) {
        throw XenopsException.unimplemented("VIF.set_pvs_proxy");
    }

    default void vifSetTrunks(Task task, String vm, Vif vif, List<Long> trunks) {
        throw XenopsException.unimplemented("VIF.set_trunks");
    }

    default VifState vifGetState(String vm, Vif vif) {
        return VifState.unplugged();
    }

    default Optional<DeviceActionRequest> vifGetDeviceActionRequest(String vm, Vif vif) {
        return Optional.empty();
    }

    // VGPU

    default void vgpuStart(Task task, String vm, List<Vgpu> vgpus, boolean savedState) {
        throw XenopsException.unimplemented("VGPU.start");
    }

    default void vgpuSetActive(Task task, String vm, Vgpu vgpu, boolean active) {
    }

    default VgpuState vgpuGetState(String vm, Vgpu vgpu) {
        return VgpuState.unplugged();
    }

    // VUSB

    default void vusbPlug(Task task, String vm, Vusb vusb) {
        throw XenopsException.unimplemented("VUSB.plug");
    }

    default void vusbUnplug(Task task, String vm, Vusb vusb) {
        throw XenopsException.unimplemented("VUSB.unplug");
    }

    default VusbState vusbGetState(String vm, Vusb vusb) {
        return VusbState.unplugged();
    }

    default Optional<DeviceActionRequest> vusbGetDeviceActionRequest(String vm, Vusb vusb) {
        return Optional.empty();
    }

    // UPDATES

    /**
     * The original's UPDATES feed, pushed: from now on the backend calls {@code sink} whenever a
     * domain or device needs attention (guest shutdown, crash, device gone). A backend serving
     * several instances signals every subscriber; each instance ignores what it does not manage.
     */
    default void updatesSubscribe(UpdateSink sink) {
    }

    default void updatesUnsubscribe(UpdateSink sink) {
    }

    // DEBUG

    /** Test hooks that let a test act as the guest ("reboot", "halt", ...). */
    default void debugTrigger(String cmd, List<String> args) {
        throw XenopsException.unimplemented("DEBUG.trigger " + cmd);
    }
}
