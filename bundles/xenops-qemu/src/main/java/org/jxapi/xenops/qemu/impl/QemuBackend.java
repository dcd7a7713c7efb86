package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

import org.jxapi.storage.api.Storage;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DeviceActionRequest;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.ShutdownRequest;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.UpdateSink;
import org.jxapi.xenops.spi.XenopsBackend;
import org.jxapi.xenops.spi.propertytypes.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The qemu backend: each VM's domain is one {@code qemu-system-x86_64} process, controlled over
 * QMP, under KVM when a probe shows it works and TCG otherwise. qemu runs in a session of its own
 * and outlives the toolstack; on activation the backend re-attaches to the domains it made
 * (recorded in its state directory) and never touches any other qemu. One backend may serve several
 * xenops instances; each instance only looks at the VMs it manages.
 *
 * <p>{@link #debugTrigger} offers {@code crash <vm>} (the guest agent makes the kernel panic) and
 * {@code kill-qemu <vm>} (qemu dies under the guest).
 */
@Component(configurationPid = "org.jxapi.xenops.qemu", service = XenopsBackend.class)
@Backend("qemu")
@Designate(ocd = QemuBackendConfig.class)
public class QemuBackend implements XenopsBackend {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Storage storage;

    private final Hypervisor hv;
    private final VmOps vms;
    private final DeviceOps devices;
    private final Migration migration;

    @Activate
    public QemuBackend(QemuBackendConfig config) {
        this(Settings.of(config), null);
    }

    /** A backend outside a framework; {@code storageSupplier} may be null when no VDIs are used. */
    QemuBackend(Settings settings, Supplier<Storage> storageSupplier) {
        Supplier<Storage> s = storageSupplier != null ? storageSupplier : () -> storage;
        this.hv = new Hypervisor(settings, new StorageLink(s));
        this.vms = new VmOps(hv);
        this.devices = new DeviceOps(hv);
        this.migration = new Migration(hv, vms);
        for (Domain d : hv.table.load()) {
            hv.reattach(d);
        }
    }

    /** Leaves every qemu running: VMs outlive the toolstack. */
    @Deactivate
    public void close() {
        hv.close();
    }

    /** The accelerator in use ("kvm" or "tcg") and why. */
    public String accel() {
        return hv.accel + " (" + hv.accelReason + ")";
    }

    Hypervisor hypervisor() {
        return hv;
    }

    /** A running domain's figures for VM_metrics and the RRDs. */
    Stats.VmStats stats(Vm vm) {
        return Stats.of(hv, vms, hv.domain(vm.id()));
    }

    Migration migration() {
        return migration;
    }

    // HOST

    @Override
    public Host hostStat() {
        return HostInfo.read(hv);
    }

    @Override
    public String hostGetConsoleData() {
        return "jxapi qemu backend: " + accel();
    }

    @Override
    public long hostGetTotalMemoryMib() {
        return HostInfo.totalMemoryMib();
    }

    // VM

    @Override
    public void vmCreate(Task task, Long memoryUpperBound, Vm vm, String finalId, boolean noSharept) {
        vms.create(vm);
    }

    @Override
    public void vmBuild(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus, List<Vusb> vusbs,
            List<String> extras, boolean force) {
        vms.build(vm);
    }

    @Override
    public void vmCreateDeviceModel(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus,
            List<Vusb> vusbs, boolean saveState) {
        vms.createDeviceModel(task, vm, saveState);
    }

    @Override
    public void vmDestroyDeviceModel(Task task, Vm vm) {
        vms.destroyDeviceModel(vm);
    }

    @Override
    public void vmDestroy(Task task, Vm vm) {
        vms.destroy(vm);
    }

    @Override
    public void vmPause(Task task, Vm vm) {
        vms.pause(vm);
    }

    @Override
    public void vmUnpause(Task task, Vm vm) {
        vms.unpause(vm);
    }

    @Override
    public void vmSetXsdata(Task task, Vm vm, Map<String, String> xsdata) {
        vms.setXsdata(vm, xsdata);
    }

    @Override
    public void vmSetVcpus(Task task, Vm vm, int vcpus) {
        vms.setVcpus(task, vm, vcpus);
    }

    @Override
    public void vmSetShadowMultiplier(Task task, Vm vm, double multiplier) {
        // qemu has no shadow page tables to size: accepted and ignored.
        hv.domain(vm.id());
    }

    @Override
    public void vmSetMemoryDynamicRange(Task task, Vm vm, long min, long max) {
        vms.setMemoryDynamicRange(vm, min, max);
    }

    @Override
    public boolean vmRequestShutdown(Task task, Vm vm, ShutdownRequest reason, double ackDelay) {
        return vms.requestShutdown(task, vm, reason, ackDelay);
    }

    @Override
    public boolean vmWaitShutdown(Task task, Vm vm, ShutdownRequest reason, double timeout) {
        return vms.waitShutdown(task, vm, timeout);
    }

    @Override
    public void vmAssertCanSave(Vm vm) {
        vms.assertCanSave(vm);
    }

    @Override
    public void vmSave(Task task, DoubleConsumer progress, Vm vm, Disk data, Disk vgpuData) {
        vms.save(task, progress, vm, data);
    }

    @Override
    public void vmRestore(Task task, DoubleConsumer progress, Vm vm, List<Vbd> vbds, List<Vif> vifs, Disk data,
            Disk vgpuData, List<String> extras) {
        vms.restore(task, progress, vm, data);
    }

    @Override
    public void vmS3Suspend(Task task, Vm vm) {
        vms.s3Suspend(task, vm);
    }

    @Override
    public void vmS3Resume(Task task, Vm vm) {
        vms.s3Resume(vm);
    }

    @Override
    public void vmSoftReset(Task task, Vm vm) {
        vms.softReset(vm);
    }

    @Override
    public VmState vmGetState(Vm vm) {
        return vms.state(vm);
    }

    @Override
    public void vmRequestRdp(Vm vm, boolean enabled) {
        // No RDP in these guests' tool set; accepted as the original does without PV drivers.
    }

    @Override
    public Object vmRunScript(Task task, Vm vm, String script) {
        return vms.runScript(vm, script);
    }

    @Override
    public void vmSetDomainActionRequest(Vm vm, DomainActionRequest request) {
        vms.setDomainActionRequest(vm, request);
    }

    @Override
    public Optional<DomainActionRequest> vmGetDomainActionRequest(Vm vm) {
        return vms.domainActionRequest(vm);
    }

    @Override
    public List<String> vmGetHookArgs(String vmId) {
        Domain d = hv.table.get(vmId);
        return d == null ? List.of() : List.of("-vmdomid", Integer.toString(d.domid));
    }

    @Override
    public double vmMinimumRebootDelay() {
        return hv.settings.minimumRebootDelay();
    }

    // VBD

    @Override
    public void vbdSetActive(Task task, String vm, Vbd vbd, boolean active) {
        devices.vbdSetActive(vm, vbd, active);
    }

    @Override
    public void vbdEpochBegin(Task task, String vm, Disk disk, boolean persistent) {
        devices.epochBegin(task, vm, disk, persistent);
    }

    @Override
    public void vbdEpochEnd(Task task, String vm, Disk disk) {
        devices.epochEnd(task, vm, disk);
    }

    @Override
    public void vbdAttach(Task task, String vm, Vbd vbd) {
        devices.vbdPlug(task, vm, vbd);
    }

    @Override
    public void vbdActivate(Task task, String vm, Vbd vbd) {
        devices.vbdPlug(task, vm, vbd);
    }

    @Override
    public void vbdUnplug(Task task, String vm, Vbd vbd, boolean force) {
        devices.vbdUnplug(task, vm, vbd, force);
    }

    @Override
    public void vbdDeactivate(Task task, String vm, Vbd vbd, boolean force) {
        devices.vbdUnplug(task, vm, vbd, force);
    }

    @Override
    public void vbdDetach(Task task, String vm, Vbd vbd) {
        devices.vbdUnplug(task, vm, vbd, true);
    }

    @Override
    public void vbdInsert(Task task, String vm, Vbd vbd, Disk disk) {
        devices.vbdInsert(task, vm, vbd, disk);
    }

    @Override
    public void vbdEject(Task task, String vm, Vbd vbd) {
        devices.vbdEject(task, vm, vbd);
    }

    @Override
    public void vbdSetQos(Task task, String vm, Vbd vbd) {
        devices.vbdSetQos(vm, vbd);
    }

    @Override
    public VbdState vbdGetState(String vm, Vbd vbd) {
        return devices.vbdState(vm, vbd);
    }

    @Override
    public Optional<DeviceActionRequest> vbdGetDeviceActionRequest(String vm, Vbd vbd) {
        return devices.vbdRequest(vm, vbd);
    }

    // VIF

    @Override
    public void vifSetActive(Task task, String vm, Vif vif, boolean active) {
        devices.vifSetActive(vm, vif, active);
    }

    @Override
    public void vifPlug(Task task, String vm, Vif vif) {
        devices.vifPlug(task, vm, vif);
    }

    @Override
    public void vifUnplug(Task task, String vm, Vif vif, boolean force) {
        devices.vifUnplug(task, vm, vif, force);
    }

    @Override
    public void vifMove(Task task, String vm, Vif vif, Network network) {
        devices.vifMove(task, vm, vif, network);
    }

    @Override
    public void vifSetCarrier(Task task, String vm, Vif vif, boolean carrier) {
        devices.vifSetCarrier(vm, vif, carrier);
    }

    @Override
    public void vifSetLockingMode(Task task, String vm, Vif vif, LockingMode mode) {
        // Port locking belongs to the switch (networkd); qemu's NIC has nothing to lock.
        hv.domain(vm);
    }

    @Override
    public void vifSetIpv4Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        hv.domain(vm);
    }

    @Override
    public void vifSetIpv6Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        hv.domain(vm);
    }

    @Override
    public VifState vifGetState(String vm, Vif vif) {
        return devices.vifState(vm, vif);
    }

    @Override
    public Optional<DeviceActionRequest> vifGetDeviceActionRequest(String vm, Vif vif) {
        return devices.vifRequest(vm, vif);
    }

    // UPDATES

    @Override
    public void updatesSubscribe(UpdateSink sink) {
        hv.subscribe(sink);
    }

    @Override
    public void updatesUnsubscribe(UpdateSink sink) {
        hv.unsubscribe(sink);
    }

    // DEBUG

    @Override
    public void debugTrigger(String cmd, List<String> args) {
        if (args.size() != 1) {
            throw XenopsException.internal(cmd + " takes one VM id");
        }
        Domain d = hv.domain(args.get(0));
        switch (cmd) {
            case "crash" -> {
                GuestAgent a = d.agent;
                if (a == null || !a.present()) {
                    throw XenopsException.internal("crash needs the guest agent");
                }
                // The agent's reply never comes: the kernel dies running the script.
                hv.inBackground(() -> {
                    try {
                        a.run("echo c > /proc/sysrq-trigger", java.time.Duration.ofSeconds(5));
                    } catch (java.util.concurrent.TimeoutException e) {
                        // expected
                    }
                });
            }
            case "kill-qemu" -> {
                Process p = d.child;
                if (p != null) {
                    p.destroyForcibly();
                } else if (QemuProcess.isDomainProcess(d.pid, d.pidStart, d.qmpSocket())) {
                    ProcessHandle.of(d.pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            default -> throw XenopsException.unimplemented("DEBUG.trigger " + cmd);
        }
    }

    /** Where the domain's serial console output is recorded, for tests and diagnostics. */
    Path consoleLog(String vmId) {
        return hv.domain(vmId).consoleLog();
    }

    static String readIfExists(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
