package org.jxapi.xenops.server.impl;

import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Metadata;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.ShutdownRequest;

/**
 * A micro-op: one backend call (or a hook run, a wait, a metadata change), or a group of them run
 * in parallel or in series. Operations expand into straight lists of these; names are the
 * original's ({@code VM_create}, {@code VBD_plug}, ...). {@link #perform} hands the atom to the
 * runner, which does the work.
 */
sealed interface Atom {
    String name();

    /** The VM whose state the atom changes; a failed atom is followed by a check of this VM. */
    String vm();

    void perform(AtomRunner r);

    /** An atom that acts on one device. */
    interface OnDevice {
        DeviceId id();
    }

    // VM

    record VmHookScript(String vm, Hook hook, String reason) implements Atom {
        public String name() { return "VM_hook_script"; }
        public void perform(AtomRunner r) { r.hookScript(this); }
    }

    record VmRemove(String vm) implements Atom {
        public String name() { return "VM_remove"; }
        public void perform(AtomRunner r) { r.vmRemove(this); }
    }

    record VmSetXsdata(String vm, Map<String, String> xsdata) implements Atom {
        public String name() { return "VM_set_xsdata"; }
        public void perform(AtomRunner r) { r.vmSetXsdata(this); }
    }

    record VmSetVcpus(String vm, int vcpus) implements Atom {
        public String name() { return "VM_set_vcpus"; }
        public void perform(AtomRunner r) { r.vmSetVcpus(this); }
    }

    record VmSetShadowMultiplier(String vm, double multiplier) implements Atom {
        public String name() { return "VM_set_shadow_multiplier"; }
        public void perform(AtomRunner r) { r.vmSetShadowMultiplier(this); }
    }

    record VmSetMemoryDynamicRange(String vm, long min, long max) implements Atom {
        public String name() { return "VM_set_memory_dynamic_range"; }
        public void perform(AtomRunner r) { r.vmSetMemoryDynamicRange(this); }
    }

    record VmPause(String vm) implements Atom {
        public String name() { return "VM_pause"; }
        public void perform(AtomRunner r) { r.vmPause(this); }
    }

    record VmUnpause(String vm) implements Atom {
        public String name() { return "VM_unpause"; }
        public void perform(AtomRunner r) { r.vmUnpause(this); }
    }

    record VmSoftreboot(String vm) implements Atom {
        public String name() { return "VM_softreboot"; }
        public void perform(AtomRunner r) { r.vmSoftreboot(this); }
    }

    record VmRequestRdp(String vm, boolean enabled) implements Atom {
        public String name() { return "VM_request_rdp"; }
        public void perform(AtomRunner r) { r.vmRequestRdp(this); }
    }

    record VmRunScript(String vm, String script) implements Atom {
        public String name() { return "VM_run_script"; }
        public void perform(AtomRunner r) { r.vmRunScript(this); }
    }

    record VmSetDomainActionRequest(String vm, DomainActionRequest request) implements Atom {
        public String name() { return "VM_set_domain_action_request"; }
        public void perform(AtomRunner r) { r.vmSetDomainActionRequest(this); }
    }

    record VmCreateDeviceModel(String vm, boolean saveState) implements Atom {
        public String name() { return "VM_create_device_model"; }
        public void perform(AtomRunner r) { r.vmCreateDeviceModel(this); }
    }

    record VmDestroyDeviceModel(String vm) implements Atom {
        public String name() { return "VM_destroy_device_model"; }
        public void perform(AtomRunner r) { r.vmDestroyDeviceModel(this); }
    }

    record VmDestroy(String vm) implements Atom {
        public String name() { return "VM_destroy"; }
        public void perform(AtomRunner r) { r.vmDestroy(this); }
    }

    /**
     * {@code resume}: the domain comes back from a suspend image, with the VM's runtime config.
     * {@code unfinished}: mark the new domain "power me off" until the operation completes (starts
     * and resumes do; a bare {@code VM.create} does not).
     */
    record VmCreate(String vm, Long memoryUpperBound, String finalId, boolean noSharept, boolean resume,
            boolean unfinished) implements Atom {
        public String name() { return "VM_create"; }
        public void perform(AtomRunner r) { r.vmCreate(this); }
    }

    record VmBuild(String vm, boolean force) implements Atom {
        public String name() { return "VM_build"; }
        public void perform(AtomRunner r) { r.vmBuild(this); }
    }

    record VmShutdownDomain(String vm, ShutdownRequest reason, double timeout) implements Atom {
        public String name() { return "VM_shutdown_domain"; }
        public void perform(AtomRunner r) { r.vmShutdownDomain(this); }
    }

    record VmS3Suspend(String vm) implements Atom {
        public String name() { return "VM_s3suspend"; }
        public void perform(AtomRunner r) { r.vmS3Suspend(this); }
    }

    record VmS3Resume(String vm) implements Atom {
        public String name() { return "VM_s3resume"; }
        public void perform(AtomRunner r) { r.vmS3Resume(this); }
    }

    record VmSave(String vm, Disk data, Disk vgpuData) implements Atom {
        public String name() { return "VM_save"; }
        public void perform(AtomRunner r) { r.vmSave(this); }
    }

    record VmRestore(String vm, Disk data, Disk vgpuData) implements Atom {
        public String name() { return "VM_restore"; }
        public void perform(AtomRunner r) { r.vmRestore(this); }
    }

    record VmFastResume(String vm) implements Atom {
        public String name() { return "VM_fast_resume"; }
        public void perform(AtomRunner r) { r.vmFastResume(this); }
    }

    /** Waits; used to damp reboot loops. */
    record VmDelay(String vm, double seconds) implements Atom {
        public String name() { return "VM_delay"; }
        public void perform(AtomRunner r) { r.vmDelay(this); }
    }

    record VmImportMetadata(String vm, Metadata metadata) implements Atom {
        public String name() { return "VM_import_metadata"; }
        public void perform(AtomRunner r) { r.vmImportMetadata(this); }
    }

    // VBD

    record VbdPlug(DeviceId id) implements Atom, OnDevice {
        public String name() { return "VBD_plug"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vbdPlug(this); }
    }

    record VbdUnplug(DeviceId id, boolean force) implements Atom, OnDevice {
        public String name() { return "VBD_unplug"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vbdUnplug(this); }
    }

    record VbdSetActive(DeviceId id, boolean active) implements Atom, OnDevice {
        public String name() { return "VBD_set_active"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vbdSetActive(this); }
    }

    record VbdEpochBegin(DeviceId id, Disk disk, boolean persistent) implements Atom, OnDevice {
        public String name() { return "VBD_epoch_begin"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vbdEpochBegin(this); }
    }

    record VbdEpochEnd(DeviceId id, Disk disk) implements Atom, OnDevice {
        public String name() { return "VBD_epoch_end"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vbdEpochEnd(this); }
    }

    record VbdSetQos(DeviceId id) implements Atom, OnDevice {
        public String name() { return "VBD_set_qos"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vbdSetQos(this); }
    }

    record VbdInsert(DeviceId id, Disk disk) implements Atom, OnDevice {
        public String name() { return "VBD_insert"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vbdInsert(this); }
    }

    record VbdEject(DeviceId id) implements Atom, OnDevice {
        public String name() { return "VBD_eject"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vbdEject(this); }
    }

    // VIF

    record VifPlug(DeviceId id) implements Atom, OnDevice {
        public String name() { return "VIF_plug"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifPlug(this); }
    }

    record VifUnplug(DeviceId id, boolean force) implements Atom, OnDevice {
        public String name() { return "VIF_unplug"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifUnplug(this); }
    }

    record VifSetActive(DeviceId id, boolean active) implements Atom, OnDevice {
        public String name() { return "VIF_set_active"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifSetActive(this); }
    }

    record VifMove(DeviceId id, Network network) implements Atom, OnDevice {
        public String name() { return "VIF_move"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifMove(this); }
    }

    record VifSetCarrier(DeviceId id, boolean carrier) implements Atom, OnDevice {
        public String name() { return "VIF_set_carrier"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifSetCarrier(this); }
    }

    record VifSetLockingMode(DeviceId id, LockingMode mode) implements Atom, OnDevice {
        public String name() { return "VIF_set_locking_mode"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifSetLockingMode(this); }
    }

    record VifSetIpv4Configuration(DeviceId id, IpConfiguration configuration) implements Atom, OnDevice {
        public String name() { return "VIF_set_ipv4_configuration"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifSetIpv4(this); }
    }

    record VifSetIpv6Configuration(DeviceId id, IpConfiguration configuration) implements Atom, OnDevice {
        public String name() { return "VIF_set_ipv6_configuration"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifSetIpv6(this); }
    }

    record VifSetPvsProxy(DeviceId id, PvsProxy proxy) implements Atom, OnDevice {
        public String name() { return "VIF_set_pvs_proxy"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifSetPvsProxy(this); }
    }

    record VifSetTrunks(DeviceId id, List<Long> trunks) implements Atom, OnDevice {
        public String name() { return "VIF_set_trunks"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vifSetTrunks(this); }
    }

    // PCI, VGPU, VUSB

    record PciPlug(DeviceId id, boolean qmpAddDevice) implements Atom, OnDevice {
        public String name() { return "PCI_plug"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.pciPlug(this); }
    }

    record PciUnplug(DeviceId id) implements Atom, OnDevice {
        public String name() { return "PCI_unplug"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.pciUnplug(this); }
    }

    record PciDequarantine(String vm, PciAddress address) implements Atom {
        public String name() { return "PCI_dequarantine"; }
        public void perform(AtomRunner r) { r.pciDequarantine(this); }
    }

    record VgpuSetActive(DeviceId id, boolean active) implements Atom, OnDevice {
        public String name() { return "VGPU_set_active"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vgpuSetActive(this); }
    }

    record VgpuStart(String vm, List<DeviceId> ids, boolean savedState) implements Atom {
        public String name() { return "VGPU_start"; }
        public void perform(AtomRunner r) { r.vgpuStart(this); }
    }

    record VusbPlug(DeviceId id) implements Atom, OnDevice {
        public String name() { return "VUSB_plug"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vusbPlug(this); }
    }

    record VusbUnplug(DeviceId id) implements Atom, OnDevice {
        public String name() { return "VUSB_unplug"; }
        public String vm() { return id.vm(); }
        public void perform(AtomRunner r) { r.vusbUnplug(this); }
    }

    // groups

    /** Atoms that may run at the same time, each on its own thread. */
    record Parallel(String vm, String description, List<Atom> atoms) implements Atom {
        public String name() { return "Parallel"; }
        public void perform(AtomRunner r) { r.parallel(this); }
    }

    record Serial(String vm, String description, List<Atom> atoms) implements Atom {
        public String name() { return "Serial"; }
        public void perform(AtomRunner r) { r.serial(this); }
    }

    /** An atom whose failure is logged and ignored. */
    record BestEffort(Atom atom) implements Atom {
        public String name() { return "Best_effort"; }
        public String vm() { return atom.vm(); }
        public void perform(AtomRunner r) { r.bestEffort(this); }
    }

    /** A one-line description for logs and diagnostics. */
    static String describe(Atom a) {
        if (a instanceof Parallel p) {
            return "Parallel(" + String.join(" | ", p.atoms().stream().map(Atom::describe).toList()) + ")";
        }
        if (a instanceof Serial s) {
            return "Serial(" + String.join(" & ", s.atoms().stream().map(Atom::describe).toList()) + ")";
        }
        if (a instanceof BestEffort b) {
            return "Best_effort(" + describe(b.atom()) + ")";
        }
        return a.name() + " " + a.vm();
    }
}
