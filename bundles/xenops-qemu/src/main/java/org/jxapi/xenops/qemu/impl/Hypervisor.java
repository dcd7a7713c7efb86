package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.UpdateSink;
import org.jxapi.xenops.spi.UpdatesBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the backend's parts share: the settings, the chosen accelerator, the domain table, the
 * subscribers to "needs attention" signals, and the life of each domain's qemu process: starting
 * it, re-attaching to it after a restart, and ending it. Events from qemu are handled by {@link Events}
 * on a thread of their own, never on the QMP reader thread.
 */
final class Hypervisor implements UpdatesBackend, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hypervisor.class);
    static final Duration QMP_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    final Settings settings;
    final DomainTable table;
    final String accel;
    final String accelReason;
    final StorageLink storage;
    final SwitchPorts ports;
    private final List<UpdateSink> sinks = new CopyOnWriteArrayList<>();
    private final ExecutorService eventThread;
    private final ExecutorService workers;
    final Events events;

    Hypervisor(Settings settings, StorageLink storage, SwitchPorts ports) {
        this.settings = settings;
        this.storage = storage;
        this.ports = ports;
        this.table = new DomainTable(settings.stateDir());
        KvmProbe.Result r = KvmProbe.choose(settings.accel(), settings.qemu(), settings.stateDir(),
                Duration.ofMillis(settings.kvmProbeTimeoutMs()));
        this.accel = r.accel();
        this.accelReason = r.reason();
        LOG.info("qemu backend in {}: accelerator {} ({})", settings.stateDir(), accel, accelReason);
        this.eventThread = Executors.newSingleThreadExecutor(daemon("qemu-events"));
        this.workers = Executors.newCachedThreadPool(daemon("qemu-work"));
        this.events = new Events(this);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // signals

    @Override
    public void subscribe(UpdateSink s) {
        sinks.add(s);
    }

    @Override
    public void unsubscribe(UpdateSink s) {
        sinks.remove(s);
    }

    void publish(DynamicId id) {
        for (UpdateSink s : sinks) {
            try {
                s.signal(id);
            } catch (RuntimeException e) {
                LOG.warn("update subscriber failed on {}", id, e);
            }
        }
    }

    void publishVm(Domain d) {
        publish(DynamicId.vm(d.vmId));
    }

    void onEventThread(Runnable r) {
        eventThread.execute(r);
    }

    void inBackground(Runnable r) {
        workers.execute(r);
    }

    // lookup

    Domain domain(String vmId) {
        Domain d = table.get(vmId);
        if (d == null) {
            throw XenopsException.doesNotExist("domain", vmId);
        }
        return d;
    }

    void save(Domain d) {
        synchronized (d) {
            table.save(d);
        }
    }

    static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    // the qemu process

    /** Starts the device model of a built domain and waits until QMP answers. */
    void startProcess(Task task, Domain d, boolean incoming) {
        Path vars = null;
        if (d.vm.builderInfo() instanceof HvmInfo h && h.firmware() == HvmInfo.Firmware.UEFI) {
            vars = uefiVars(d.vmId);
        }
        List<String> argv;
        synchronized (d) {
            d.accel = accel;
            argv = CommandLine.build(d, new CommandLine.Inputs(settings, accel, vars, incoming));
        }
        Process p;
        try {
            Files.writeString(d.runDir.resolve("cmdline"), String.join("\n", argv) + "\n");
            p = QemuProcess.spawn(argv, d.qemuLog());
        } catch (IOException e) {
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_START_EMULATOR, d.vmId, "qemu", e.getMessage());
        }
        synchronized (d) {
            d.child = p;
            d.pid = p.pid();
            d.pidStart = QemuProcess.startTicks(p.pid()).orElse(0L);
            d.gone = false;
            table.save(d);
        }
        p.onExit().thenRun(() -> events.processExited(d, p));
        try (Task.Registration r = task.onCancel(p::destroyForcibly)) {
            connect(d, p::isAlive);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            waitFor(p);
            synchronized (d) {
                d.pid = 0;
                d.child = null;
                table.save(d);
            }
            task.checkCancelling();
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_START_EMULATOR, d.vmId, "qemu",
                    e.getMessage() + "; " + tail(d.qemuLog()));
        }
        Nics.bridgeTaps(task, d, ports);
    }

    /** Connects QMP (and the agent and console proxy) to a domain's running qemu. */
    void connect(Domain d, BooleanSupplier alive) throws IOException {
        Qmp q = Qmp.connect("dom" + d.domid, d.qmpSocket(), QMP_CONNECT_TIMEOUT, alive);
        q.onEvent(e -> onEventThread(() -> events.handle(d, q, e)));
        String status = q.call("query-status").path("status").asText(null);
        synchronized (d) {
            d.qmp = q;
            d.status = status;
        }
        if (d.agent == null) {
            d.agent = new GuestAgent("dom" + d.domid, d.agentSocket(), () -> publishVm(d));
        }
        startConsoleProxy(d);
        readVncPort(d);
    }

    private void startConsoleProxy(Domain d) {
        if (settings.consoleListen().isBlank() || d.consoleProxy != null) {
            return;
        }
        try {
            ConsoleProxy proxy = new ConsoleProxy(settings.consoleListen(), d.consolePort, d.consoleSocket());
            synchronized (d) {
                d.consoleProxy = proxy;
                d.consolePort = proxy.port();
                table.save(d);
            }
        } catch (IOException e) {
            LOG.warn("no TCP text console for domain {}: {}", d.domid, e.toString());
        }
    }

    private void readVncPort(Domain d) {
        if (!CommandLine.wantsVnc(d.vm)) {
            return;
        }
        try {
            for (JsonNode srv : d.qmp.call("query-vnc-servers")) {
                if ("vnctcp".equals(srv.path("id").asText(null))) {
                    for (JsonNode addr : srv.path("server")) {
                        if (!"unix".equals(addr.path("family").asText(null))) {
                            synchronized (d) {
                                d.vncPort = Integer.parseInt(addr.path("service").asText(null));
                                table.save(d);
                            }
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot read the VNC port of domain {}: {}", d.domid, e.toString());
        }
    }

    /**
     * Re-attaches to a domain found in the table after a restart: its process must be the one it
     * started (same start time, its own QMP socket on the command line). A domain whose qemu has
     * gone is kept, marked gone, so that the engine's check decides what happens to the VM.
     */
    void reattach(Domain d) {
        if (!d.hasProcess()) {
            return;
        }
        if (!QemuProcess.isDomainProcess(d.pid, d.pidStart, d.qmpSocket())) {
            LOG.warn("qemu of domain {} (VM {}, pid {}) has gone while the toolstack was away", d.domid, d.vmId,
                    d.pid);
            events.markGone(d);
            return;
        }
        try {
            connect(d, () -> QemuProcess.running(d.pid));
            LOG.info("re-attached to domain {} of VM {} (pid {}, {})", d.domid, d.vmId, d.pid, d.status);
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot re-attach to domain {} of VM {} (pid {}): {}", d.domid, d.vmId, d.pid, e.toString());
            events.markGone(d);
        }
    }

    /**
     * Ends a domain's qemu: asks it to quit, then kills it if it is still its own process after a
     * while. Returns once the process has exited (or has been confirmed not to be ours any more).
     */
    void stopProcess(Domain d) {
        // Off networkd's bridges while the taps still exist: once qemu has gone, its taps and the
        // kernel's bridge ports are gone but networkd's port records and rules would stay.
        SwitchPorts.managedTaps(d).forEach(ports::unplug);
        Qmp q;
        Process child;
        long pid;
        long start;
        synchronized (d) {
            if (!d.hasProcess()) {
                return;
            }
            d.gone = true;
            q = d.qmp;
            child = d.child;
            pid = d.pid;
            start = d.pidStart;
        }
        if (q != null && !q.isClosed()) {
            try {
                q.call("quit", Map.of(), Duration.ofSeconds(5));
            } catch (QmpException e) {
                LOG.debug("quit of domain {}: {}", d.domid, e.getMessage());
            }
        }
        if (child != null) {
            try {
                if (!child.waitFor(5, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    child.waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (QemuProcess.isDomainProcess(pid, start, d.qmpSocket())) {
            // Not our child any more (we restarted): its handle tells when it has gone (the handle
            // knows the process's start, so a reused pid is not mistaken for it); kill it only while
            // it is still the domain's own process.
            ProcessHandle.of(pid).ifPresent(h -> {
                if (!awaitExit(h, Duration.ofSeconds(5)) && QemuProcess.isDomainProcess(pid, start, d.qmpSocket())) {
                    h.destroyForcibly();
                    awaitExit(h, Duration.ofSeconds(5));
                }
            });
        }
        closeRuntime(d);
        synchronized (d) {
            d.pid = 0;
            d.pidStart = 0;
            d.child = null;
            d.status = "shutdown";
            table.save(d);
            d.notifyAll();
        }
    }

    void closeRuntime(Domain d) {
        Qmp q;
        GuestAgent a;
        ConsoleProxy c;
        synchronized (d) {
            q = d.qmp;
            a = d.agent;
            c = d.consoleProxy;
            d.qmp = null;
            d.agent = null;
            d.consoleProxy = null;
        }
        if (q != null) {
            q.close();
        }
        if (a != null) {
            a.close();
        }
        if (c != null) {
            c.close();
        }
    }

    /** The VM's UEFI variable store, copied from the template once and kept across its reboots. */
    private Path uefiVars(String vmId) {
        Path vars = table.vmDir(vmId).resolve("OVMF_VARS.fd");
        if (!Files.exists(vars)) {
            try {
                Files.copy(settings.ovmfVars(), vars, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw XenopsException.of(XenopsErrorCode.FAILED_TO_START_EMULATOR, vmId, "ovmf",
                        "cannot copy " + settings.ovmfVars() + ": " + e.getMessage());
            }
        }
        return vars;
    }

    /** The live QMP connection of a domain whose qemu runs. */
    Qmp qmp(Domain d) {
        synchronized (d) {
            if (d.qmp == null || d.qmp.isClosed() || d.gone) {
                throw XenopsException.domainNotBuilt();
            }
            return d.qmp;
        }
    }

    static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "";
        }
    }

    static void waitFor(Process p) {
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a process that is not our child to exit; true if it did within {@code limit}. */
    private static boolean awaitExit(ProcessHandle h, Duration limit) {
        try {
            h.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !h.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        }
    }

    /** Closes connections to the domains without touching their processes: they outlive the toolstack. */
    @Override
    public void close() {
        for (Domain d : table.all()) {
            closeRuntime(d);
        }
        eventThread.shutdownNow();
        workers.shutdownNow();
    }
}
