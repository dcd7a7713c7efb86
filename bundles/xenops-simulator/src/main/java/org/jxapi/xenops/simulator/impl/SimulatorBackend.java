package org.jxapi.xenops.simulator.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jxapi.xenops.spi.DebugBackend;
import org.jxapi.xenops.spi.HostBackend;
import org.jxapi.xenops.spi.PciBackend;
import org.jxapi.xenops.spi.UpdatesBackend;
import org.jxapi.xenops.spi.VbdBackend;
import org.jxapi.xenops.spi.VgpuBackend;
import org.jxapi.xenops.spi.VifBackend;
import org.jxapi.xenops.spi.VmBackend;
import org.jxapi.xenops.spi.VusbBackend;
import org.jxapi.xenops.spi.XenopsBackend;
import org.jxapi.xenops.spi.propertytypes.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The simulator backend. Not a mock: it keeps one record per domain, allocates domids, enforces
 * the real preconditions and raises the real errors ({@code Already_exists}, {@code Does_not_exist},
 * {@code Domain_not_built}, ...), and tells its subscribers when a guest needs attention. The
 * domain's pending request is kept like a real domain's action-request key: the engine marks a
 * domain being started "power me off" until the start completes, and a guest's shutdown, reboot,
 * crash or suspend sets it too.
 *
 * <p>Each object has its part over the one simulated {@link Hypervisor}: {@link SimulatedVms},
 * {@link SimulatedVbds}, {@link SimulatedVifs}, {@link SimulatedPcis}, {@link SimulatedVgpus},
 * {@link SimulatedVusbs}, {@link SimulatedHost}; the hypervisor itself is the UPDATES feed, and
 * {@link SimulatedGuest} (DEBUG) lets a test act as the guest.
 */
@Component(configurationPid = "org.jxapi.xenops.simulator", service = XenopsBackend.class)
@Backend("simulator")
@Designate(ocd = SimulatorConfig.class)
public class SimulatorBackend implements XenopsBackend {
    private final Hypervisor hv;
    private final HostBackend host = new SimulatedHost();
    private final VmBackend vms;
    private final VbdBackend vbds;
    private final VifBackend vifs;
    private final PciBackend pcis;
    private final VgpuBackend vgpus;
    private final VusbBackend vusbs;
    private final DebugBackend guest;

    @Activate
    public SimulatorBackend(SimulatorConfig config) {
        this(config.persist() ? stateDir(config.state_dir()) : null);
    }

    /** A simulator whose domain table lives in {@code stateDir}, or only in memory when it is null. */
    public SimulatorBackend(Path stateDir) {
        this.hv = new Hypervisor(new DomainTable(stateDir));
        this.vms = new SimulatedVms(hv);
        this.vbds = new SimulatedVbds(hv);
        this.vifs = new SimulatedVifs(hv);
        this.pcis = new SimulatedPcis(hv);
        this.vgpus = new SimulatedVgpus(hv);
        this.vusbs = new SimulatedVusbs(hv);
        this.guest = new SimulatedGuest(hv);
    }

    private static Path stateDir(String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String data = System.getProperty("karaf.data");
        Path base = data != null ? Path.of(data) : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("jxapi").resolve("xenops").resolve("simulator-domains");
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
    public PciBackend pci() {
        return pcis;
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
    public VgpuBackend vgpu() {
        return vgpus;
    }

    @Override
    public VusbBackend vusb() {
        return vusbs;
    }

    @Override
    public UpdatesBackend updates() {
        return hv;
    }

    @Override
    public DebugBackend debug() {
        return guest;
    }

    /** The domains the simulated hypervisor has, as (uuid, domid, request); for tests and diagnostics. */
    public List<String> describeDomains() {
        return hv.locked(() -> hv.table().all().stream()
                .map(d -> d.uuid + " domid=" + d.domid + " request="
                        + (d.shutdownReason != null ? d.shutdownReason : d.request) + " built=" + d.built
                        + " paused=" + d.paused + " suspended=" + d.suspended)
                .sorted().toList());
    }

    /** Waits until no domain is left for {@code uuid}, or the time runs out; for tests. */
    public boolean awaitNoDomain(String uuid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock lock = hv.lock();
        Condition changed = hv.changed();
        lock.lock();
        try {
            while (hv.table().get(uuid) != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
