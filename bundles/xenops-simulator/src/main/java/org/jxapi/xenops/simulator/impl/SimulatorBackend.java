package org.jxapi.xenops.simulator.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleConsumer;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.PowerState;
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
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.ShutdownRequest;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.UpdateSink;
import org.jxapi.xenops.spi.XenopsBackend;
import org.jxapi.xenops.spi.propertytypes.Backend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator backend. Not a mock: it keeps one record per domain, allocates domids, enforces
 * the real preconditions and raises the real errors ({@code Already_exists}, {@code Does_not_exist},
 * {@code Domain_not_built}, ...), and tells its subscribers when a guest needs attention. The
 * domain's pending request is kept like a real domain's action-request key: the engine marks a
 * domain being started "power me off" until the start completes, and a guest's shutdown, reboot,
 * crash or suspend sets it too.
 *
 * <p>{@link #debugTrigger} lets a test act as the guest: {@code reboot}, {@code halt},
 * {@code crash}, {@code suspend}, {@code ignore-shutdown}, {@code check-vbd-plug-ordering}, and
 * {@code create-domain} (a domain made by another toolstack).
 */
@Component(configurationPid = "org.jxapi.xenops.simulator", service = XenopsBackend.class)
@Backend("simulator")
@Designate(ocd = SimulatorConfig.class)
public class SimulatorBackend implements XenopsBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorBackend.class);

    private final Hypervisor hv;
    private final ReentrantLock lock;
    private final Condition changed;
    private final DomainTable table;
    private final SimulatedDevices devices;

    @Activate
    public SimulatorBackend(SimulatorConfig config) {
        this(config.persist() ? stateDir(config.state_dir()) : null);
    }

    /** A simulator whose domain table lives in {@code stateDir}, or only in memory when it is null. */
    public SimulatorBackend(Path stateDir) {
        this.hv = new Hypervisor(new DomainTable(stateDir));
        this.lock = hv.lock();
        this.changed = hv.changed();
        this.table = hv.table();
        this.devices = new SimulatedDevices(hv);
    }

    private static Path stateDir(String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String data = System.getProperty("karaf.data");
        Path base = data != null ? Path.of(data) : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("jxapi").resolve("xenops").resolve("simulator-domains");
    }

    private <T> T locked(Hypervisor.Body<T> body) {
        return hv.locked(body);
    }

    private void locked(Runnable body) {
        hv.locked(body);
    }

    private Domain domain(String uuid) {
        return hv.domain(uuid);
    }

    private void save(Domain d) {
        hv.save(d);
    }

    private void publish(DynamicId id) {
        hv.publish(id);
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** Built, and for HVM guests with their emulator: what vCPU and shadow changes need. */
    private static void requireRunnable(Domain d) {
        if (!d.built || (d.hvm && !d.qemuCreated)) {
            throw XenopsException.domainNotBuilt();
        }
    }

    // HOST

    @Override
    public Host hostStat() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new Host(new Host.CpuInfo(cpus, 1, 1, 1, "simulated", "", "jxapi simulated CPU", "", "", "", "", "",
                "", "", "", ""), "simulator", "hvm-3.0-x86_64", false, true);
    }

    @Override
    public String hostGetConsoleData() {
        return "Xen simulator";
    }

    @Override
    public long hostGetTotalMemoryMib() {
        return 1024L * 1024L;
    }

    // VM

    @Override
    public void vmCreate(Task task, Long memoryUpperBound, Vm vm, String finalId, boolean noSharept) {
        locked(() -> {
            Domain existing = table.get(vm.id());
            if (existing != null) {
                if (!existing.suspended) {
                    throw XenopsException.alreadyExists("domain", vm.id());
                }
                // Resuming: the suspended domain is brought back.
                return;
            }
            Domain d = new Domain();
            d.domid = table.allocateDomid();
            d.uuid = vm.id();
            d.hvm = vm.hvm();
            d.vcpus = vm.vcpus();
            d.shadowMultiplier = vm.builderInfo() instanceof HvmInfo h ? h.shadowMultiplier() : 1.0;
            d.memoryDynamicMin = vm.memoryDynamicMin();
            d.memoryDynamicMax = vm.memoryDynamicMax();
            d.xsdata = new java.util.LinkedHashMap<>(vm.xsdata());
            d.lastCreateTime = now();
            save(d);
        });
    }

    @Override
    public void vmBuild(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus, List<Vusb> vusbs,
            List<String> extras, boolean force) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.built = true;
            save(d);
        });
    }

    @Override
    public void vmCreateDeviceModel(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus,
            List<Vusb> vusbs, boolean saveState) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.qemuCreated = true;
            save(d);
        });
    }

    @Override
    public void vmDestroyDeviceModel(Task task, Vm vm) {
        locked(() -> {
            Domain d = table.get(vm.id());
            if (d != null && d.qemuCreated) {
                d.qemuCreated = false;
                save(d);
            }
        });
    }

    @Override
    public void vmDestroy(Task task, Vm vm) {
        locked(() -> {
            Domain d = table.get(vm.id());
            // A suspended domain's image stays until it is resumed.
            if (d != null && !d.suspended) {
                table.delete(vm.id());
                changed.signalAll();
            }
        });
    }

    @Override
    public void vmPause(Task task, Vm vm) {
        setPaused(vm, true);
    }

    @Override
    public void vmUnpause(Task task, Vm vm) {
        setPaused(vm, false);
    }

    private void setPaused(Vm vm, boolean paused) {
        locked(() -> {
            Domain d = domain(vm.id());
            // A domain without memory cannot run (the real check: total_memory_pages = 0).
            if (!d.built) {
                throw XenopsException.domainNotBuilt();
            }
            d.paused = paused;
            save(d);
        });
    }

    @Override
    public void vmSetXsdata(Task task, Vm vm, Map<String, String> xsdata) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.xsdata = new java.util.LinkedHashMap<>(xsdata);
            save(d);
        });
    }

    @Override
    public void vmSetVcpus(Task task, Vm vm, int vcpus) {
        locked(() -> {
            Domain d = domain(vm.id());
            requireRunnable(d);
            d.vcpus = vcpus;
            save(d);
        });
    }

    @Override
    public void vmSetShadowMultiplier(Task task, Vm vm, double multiplier) {
        locked(() -> {
            Domain d = domain(vm.id());
            requireRunnable(d);
            d.shadowMultiplier = multiplier;
            save(d);
        });
    }

    @Override
    public void vmSetMemoryDynamicRange(Task task, Vm vm, long min, long max) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.memoryDynamicMin = min;
            d.memoryDynamicMax = max;
            save(d);
        });
    }

    @Override
    public boolean vmRequestShutdown(Task task, Vm vm, ShutdownRequest reason, double ackDelay) {
        boolean acted = locked(() -> {
            Domain d = domain(vm.id());
            if (d.ignoresShutdown) {
                return false;
            }
            d.shutdownReason = switch (reason) {
                case HALT, POWEROFF -> DomainActionRequest.NEEDS_POWEROFF;
                case REBOOT -> DomainActionRequest.NEEDS_REBOOT;
                case SUSPEND, S3SUSPEND -> DomainActionRequest.NEEDS_SUSPEND;
            };
            save(d);
            return true;
        });
        if (acted) {
            publish(DynamicId.vm(vm.id()));
        }
        // The guest acknowledges even when it means to ignore the request.
        return true;
    }

    @SuppressWarnings("try") // the registration only has to be closed
    @Override
    public boolean vmWaitShutdown(Task task, Vm vm, ShutdownRequest reason, double timeout) {
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        try (Task.Registration r = task.onCancel(() -> locked(changed::signalAll))) {
            lock.lock();
            try {
                while (true) {
                    Domain d = table.get(vm.id());
                    if (d == null || d.shutdownReason != null) {
                        return true;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || task.isCancelling()) {
                        break;
                    }
                    changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }
        task.checkCancelling();
        return false;
    }

    @Override
    public void vmAssertCanSave(Vm vm) {
        locked(() -> {
            requireRunnable(domain(vm.id()));
        });
    }

    @Override
    public void vmSave(Task task, DoubleConsumer progress, Vm vm, Disk data, Disk vgpuData) {
        locked(() -> {
            Domain d = domain(vm.id());
            if (!d.built) {
                throw XenopsException.domainNotBuilt();
            }
            d.suspended = true;
            d.paused = true;
            save(d);
        });
        progress.accept(1.0);
    }

    @Override
    public void vmRestore(Task task, DoubleConsumer progress, Vm vm, List<Vbd> vbds, List<Vif> vifs, Disk data,
            Disk vgpuData, List<String> extras) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.built = true;
            d.suspended = false;
            d.paused = true;
            save(d);
        });
        progress.accept(1.0);
    }

    @Override
    public void vmS3Suspend(Task task, Vm vm) {
        locked(() -> {
            domain(vm.id());
        });
    }

    @Override
    public void vmS3Resume(Task task, Vm vm) {
        locked(() -> {
            domain(vm.id());
        });
    }

    @Override
    public void vmSoftReset(Task task, Vm vm) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.shutdownReason = null;
            save(d);
        });
    }

    @Override
    public VmState vmGetState(Vm vm) {
        return locked(() -> {
            Domain d = table.get(vm.id());
            if (d == null) {
                return VmState.halted();
            }
            PowerState p = d.suspended ? PowerState.SUSPENDED : d.paused ? PowerState.PAUSED : PowerState.RUNNING;
            return VmState.withDomain(p, d.domid, d.vcpus, d.memoryDynamicMax, d.lastCreateTime, d.hvm, d.xsdata);
        });
    }

    @Override
    public void vmRequestRdp(Vm vm, boolean enabled) {
    }

    @Override
    public Object vmRunScript(Task task, Vm vm, String script) {
        locked(() -> {
            domain(vm.id());
        });
        return Map.of("rc", 0L, "stdout", "", "stderr", "");
    }

    @Override
    public void vmSetDomainActionRequest(Vm vm, DomainActionRequest request) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.request = request;
            save(d);
        });
    }

    @Override
    public Optional<DomainActionRequest> vmGetDomainActionRequest(Vm vm) {
        return locked(() -> {
            Domain d = table.get(vm.id());
            // No domain at all: what a real hypervisor says of a domain that has gone. A guest that
            // shut down says why before anything the toolstack noted, as a real domain's shutdown code does.
            if (d == null) {
                return Optional.of(DomainActionRequest.NEEDS_POWEROFF);
            }
            return Optional.ofNullable(d.shutdownReason != null ? d.shutdownReason : d.request);
        });
    }

    // devices: see SimulatedDevices
    @Override
    public void vbdSetActive(Task task, String vm, Vbd vbd, boolean active) {
        devices.vbdSetActive(task, vm, vbd, active);
    }

    @Override
    public void vbdAttach(Task task, String vm, Vbd vbd) {
        devices.vbdAttach(task, vm, vbd);
    }

    @Override
    public void vbdActivate(Task task, String vm, Vbd vbd) {
        devices.vbdActivate(task, vm, vbd);
    }

    @Override
    public void vbdUnplug(Task task, String vm, Vbd vbd, boolean force) {
        devices.vbdUnplug(task, vm, vbd, force);
    }

    @Override
    public void vbdDeactivate(Task task, String vm, Vbd vbd, boolean force) {
        devices.vbdDeactivate(task, vm, vbd, force);
    }

    @Override
    public void vbdDetach(Task task, String vm, Vbd vbd) {
        devices.vbdDetach(task, vm, vbd);
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
        devices.vbdSetQos(task, vm, vbd);
    }

    @Override
    public VbdState vbdGetState(String vm, Vbd vbd) {
        return devices.vbdGetState(vm, vbd);
    }

    @Override
    public void vifSetActive(Task task, String vm, Vif vif, boolean active) {
        devices.vifSetActive(task, vm, vif, active);
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
        devices.vifSetCarrier(task, vm, vif, carrier);
    }

    @Override
    public void vifSetLockingMode(Task task, String vm, Vif vif, LockingMode mode) {
        devices.vifSetLockingMode(task, vm, vif, mode);
    }

    @Override
    public void vifSetIpv4Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        devices.vifSetIpv4Configuration(task, vm, vif, configuration);
    }

    @Override
    public void vifSetIpv6Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        devices.vifSetIpv6Configuration(task, vm, vif, configuration);
    }

    @Override
    public void vifSetPvsProxy(Task task, String vm, Vif vif, PvsProxy proxy) {
        devices.vifSetPvsProxy(task, vm, vif, proxy);
    }

    @Override
    public void vifSetTrunks(Task task, String vm, Vif vif, List<Long> trunks) {
        devices.vifSetTrunks(task, vm, vif, trunks);
    }

    @Override
    public VifState vifGetState(String vm, Vif vif) {
        return devices.vifGetState(vm, vif);
    }

    @Override
    public void pciPlug(Task task, String vm, Pci pci, boolean qmpAddDevice) {
        devices.pciPlug(task, vm, pci, qmpAddDevice);
    }

    @Override
    public void pciUnplug(Task task, String vm, Pci pci) {
        devices.pciUnplug(task, vm, pci);
    }

    @Override
    public PciState pciGetState(String vm, Pci pci) {
        return devices.pciGetState(vm, pci);
    }

    @Override
    public void vgpuStart(Task task, String vm, List<Vgpu> vgpus, boolean savedState) {
        devices.vgpuStart(task, vm, vgpus, savedState);
    }

    @Override
    public void vgpuSetActive(Task task, String vm, Vgpu vgpu, boolean active) {
        devices.vgpuSetActive(task, vm, vgpu, active);
    }

    @Override
    public VgpuState vgpuGetState(String vm, Vgpu vgpu) {
        return devices.vgpuGetState(vm, vgpu);
    }

    @Override
    public void vusbPlug(Task task, String vm, Vusb vusb) {
        devices.vusbPlug(task, vm, vusb);
    }

    @Override
    public void vusbUnplug(Task task, String vm, Vusb vusb) {
        devices.vusbUnplug(task, vm, vusb);
    }

    @Override
    public VusbState vusbGetState(String vm, Vusb vusb) {
        return devices.vusbGetState(vm, vusb);
    }

    // UPDATES

    @Override
    public void updatesSubscribe(UpdateSink sink) {
        hv.sinks().add(sink);
    }

    @Override
    public void updatesUnsubscribe(UpdateSink sink) {
        hv.sinks().remove(sink);
    }

    // DEBUG

    @Override
    public void debugTrigger(String cmd, List<String> args) {
        switch (cmd) {
            case "reboot" -> guestRequests(args, DomainActionRequest.NEEDS_REBOOT);
            case "halt" -> guestRequests(args, DomainActionRequest.NEEDS_POWEROFF);
            case "crash" -> guestRequests(args, DomainActionRequest.NEEDS_CRASHDUMP);
            case "suspend" -> guestRequests(args, DomainActionRequest.NEEDS_SUSPEND);
            case "ignore-shutdown" -> locked(() -> {
                Domain d = domain(one(cmd, args));
                d.ignoresShutdown = true;
                save(d);
            });
            case "check-vbd-plug-ordering" -> locked(() -> {
                Domain d = domain(one(cmd, args));
                List<Vbd> rw = new ArrayList<>();
                List<Vbd> ro = new ArrayList<>();
                d.vbds.forEach(v -> (v.mode() == Vbd.Mode.READ_WRITE ? rw : ro).add(v));
                rw.addAll(ro);
                if (!rw.equals(d.vbds)) {
                    throw XenopsException.internal("check-vbd-plug-ordering");
                }
            });
            case "create-domain" -> locked(() -> {
                String uuid = one(cmd, args);
                if (table.get(uuid) != null) {
                    throw XenopsException.alreadyExists("domain", uuid);
                }
                Domain d = new Domain();
                d.domid = table.allocateDomid();
                d.uuid = uuid;
                d.built = true;
                d.qemuCreated = true;
                d.paused = false;
                d.vcpus = 1;
                d.lastCreateTime = now();
                save(d);
            });
            default -> throw XenopsException.unimplemented(cmd);
        }
    }

    private static String one(String cmd, List<String> args) {
        if (args.size() != 1) {
            throw XenopsException.internal(cmd + " takes one VM id");
        }
        return args.get(0);
    }

    private void guestRequests(List<String> args, DomainActionRequest request) {
        String uuid = one(request.name(), args);
        locked(() -> {
            Domain d = domain(uuid);
            d.shutdownReason = request;
            save(d);
        });
        LOG.debug("simulated guest {} requests {}", uuid, request);
        publish(DynamicId.vm(uuid));
    }

    /** The domains the simulated hypervisor has, as (uuid, domid, request); for tests and diagnostics. */
    public List<String> describeDomains() {
        return locked(() -> table.all().stream()
                .map(d -> d.uuid + " domid=" + d.domid + " request="
                        + (d.shutdownReason != null ? d.shutdownReason : d.request) + " built=" + d.built
                        + " paused=" + d.paused + " suspended=" + d.suspended)
                .sorted().toList());
    }

    /** Waits until no domain is left for {@code uuid}, or the time runs out; for tests. */
    public boolean awaitNoDomain(String uuid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (table.get(uuid) != null) {
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
