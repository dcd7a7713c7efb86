package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jxapi.networkd.api.Networkd;
import org.jxapi.storage.api.Storage;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.spi.DebugBackend;
import org.jxapi.xenops.spi.HostBackend;
import org.jxapi.xenops.spi.UpdatesBackend;
import org.jxapi.xenops.spi.VbdBackend;
import org.jxapi.xenops.spi.VifBackend;
import org.jxapi.xenops.spi.VmBackend;
import org.jxapi.xenops.spi.XenopsBackend;
import org.jxapi.xenops.spi.propertytypes.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The qemu backend: each VM's domain is one {@code qemu-system-x86_64} process, controlled over
 * QMP, under KVM when a probe shows it works and TCG otherwise. qemu runs in a session of its own
 * and outlives the toolstack; on activation the backend re-attaches to the domains it made
 * (recorded in its state directory) and never touches any other qemu. One backend may serve several
 * xenops instances; each instance only looks at the VMs it manages.
 *
 * <p>Each object has its part: {@link QemuVms}, {@link QemuVbds}, {@link QemuVifs}, {@link QemuHost},
 * {@link QemuDebug} (DEBUG: {@code crash} and {@code kill-qemu}); the {@link Hypervisor} is the
 * UPDATES feed. PCI, VGPU and VUSB keep the skeleton's answers: nothing to pass through under qemu here.
 */
@Component(configurationPid = "org.jxapi.xenops.qemu", service = XenopsBackend.class)
@Backend("qemu")
@Designate(ocd = QemuBackendConfig.class)
public class QemuBackend implements XenopsBackend {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Storage storage;

    /** Guests' taps go onto the bridges this networkd instance manages ({@code networkd.target}). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(networkd.instance=default)")
    private volatile Networkd networkd;

    private final Hypervisor hv;
    private final QemuHost host;
    private final QemuVms vms;
    private final QemuVbds vbds;
    private final QemuVifs vifs;
    private final QemuDebug debug;
    private final Migration migration;

    @Activate
    public QemuBackend(QemuBackendConfig config) {
        this(Settings.of(config), null, null);
    }

    /** A backend outside a framework; {@code storageSupplier} may be null when no VDIs are used. */
    QemuBackend(Settings settings, Supplier<Storage> storageSupplier) {
        this(settings, storageSupplier, null);
    }

    /**
     * A backend outside a framework whose taps go through {@code networkdSupplier}'s instance (null
     * supplier: the DS reference; a supplier of null: no networkd, taps on Linux bridges by ip link).
     */
    QemuBackend(Settings settings, Supplier<Storage> storageSupplier, Supplier<Networkd> networkdSupplier) {
        Supplier<Storage> s = storageSupplier != null ? storageSupplier : () -> storage;
        Supplier<Networkd> n = networkdSupplier != null ? networkdSupplier : () -> networkd;
        this.hv = new Hypervisor(settings, new StorageLink(s), new SwitchPorts(n));
        this.host = new QemuHost(hv);
        this.vms = new QemuVms(hv);
        this.vbds = new QemuVbds(hv);
        this.vifs = new QemuVifs(hv);
        this.debug = new QemuDebug(hv);
        this.migration = new Migration(hv, vms, vbds, vifs);
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
        return host.accel();
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

    @Override
    public HostBackend host() {
        return host;
    }

    @Override
    public VmBackend vm() {
        return vms;
    }

    @Override
    public VbdBackend vbd() {
        return vbds;
    }

    @Override
    public VifBackend vif() {
        return vifs;
    }

    @Override
    public UpdatesBackend updates() {
        return hv;
    }

    @Override
    public DebugBackend debug() {
        return debug;
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
