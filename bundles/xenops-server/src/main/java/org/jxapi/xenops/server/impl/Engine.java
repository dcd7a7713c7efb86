package org.jxapi.xenops.server.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Metadata;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.server.impl.Operation.*;
import org.jxapi.xenops.spi.UpdateSink;
import org.jxapi.xenops.spi.XenopsBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One xenops instance's engine: its backend, metadata store, tasks, update feed, per-VM queues and
 * worker pool. Operations are queued on their VM's queue and run by {@link Performer}; the
 * backend's "needs attention" signals become queued checks. On start, every managed VM with a
 * domain is checked and repaired; VMs the instance does not manage are never touched.
 */
final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** Settings of one instance. */
    record Settings(String queue, Path dataDir, int workerPoolSize, Path hooksRoot, double minimumRebootDelay,
            boolean fsync, double shutdownAckTimeout) {
    }

    /** What a worker runs: an operation in its task, on the queue of {@code tag}. */
    record Work(String tag, Operation op, TaskHandle task) implements WorkerPool.Item {
        @Override
        public String describe() {
            return "task " + task.id() + " (" + task.dbg() + "): " + Operation.describe(op);
        }
    }

    private final Settings settings;
    private final XenopsBackend backend;
    private final MetadataStore store;
    private final Hooks hooks;
    private final UpdateRecorder updates = new UpdateRecorder();
    private final Tasks tasks;
    private final Expansion expansion;
    private final Performer performer;
    private final Migration migration;
    private final WorkerPool<Work> pool;
    private final ExecutorService parallel;
    private final Set<String> rebooting = new HashSet<>();
    private final String instanceId = UUID.randomUUID().toString();
    private final UpdateSink sink = this::onBackendSignal;
    private volatile boolean stopped;

    Engine(Settings settings, XenopsBackend backend) {
        this(settings, backend, new HookServices());
    }

    Engine(Settings settings, XenopsBackend backend, HookServices hookServices) {
        this.settings = settings;
        this.backend = backend;
        this.store = new MetadataStore(settings.dataDir(), settings.fsync());
        this.hooks = new Hooks(settings.hooksRoot(), hookServices, settings.queue());
        this.tasks = new Tasks(t -> updates.add(DynamicId.task(t.id())));
        this.expansion = new Expansion(store);
        this.performer = new Performer(this);
        this.migration = new Migration(this);
        AtomicInteger n = new AtomicInteger();
        String name = shortName(settings.queue());
        this.parallel = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, name + "-parallel-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pool = new WorkerPool<>(name, settings.workerPoolSize(), this::execute, w -> w);
    }

    private static String shortName(String queue) {
        int dot = queue.lastIndexOf('.');
        return "xenops-" + (dot < 0 ? queue : queue.substring(dot + 1));
    }

    /** Subscribes to the backend and checks every managed VM that has a domain. */
    void start() {
        backend.updates().subscribe(sink);
        for (String id : store.vmIds()) {
            Vm vm = store.vm(id);
            updates.add(DynamicId.vm(id));
            store.vbds(id).forEach(v -> updates.add(DynamicId.device(DynamicId.Kind.VBD, v.id())));
            store.vifs(id).forEach(v -> updates.add(DynamicId.device(DynamicId.Kind.VIF, v.id())));
            store.pcis(id).forEach(v -> updates.add(DynamicId.device(DynamicId.Kind.PCI, v.id())));
            store.vgpus(id).forEach(v -> updates.add(DynamicId.device(DynamicId.Kind.VGPU, v.id())));
            store.vusbs(id).forEach(v -> updates.add(DynamicId.device(DynamicId.Kind.VUSB, v.id())));
            try {
                backend.vm().add(vm);
                if (backend.vm().getState(vm).powerState() != PowerState.HALTED) {
                    queueInternal("restart", new VmCheckState(id));
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot check VM {} after start: {}", settings.queue(), id, e.toString());
            }
        }
    }

    void stop() {
        stopped = true;
        backend.updates().unsubscribe(sink);
        for (TaskHandle t : tasks.list()) {
            if (!t.ended()) {
                t.cancel();
            }
        }
        pool.stop();
        parallel.shutdown();
    }

    // accessors for the performer, the runner and the service

    Settings settings() { return settings; }
    XenopsBackend backend() { return backend; }
    MetadataStore store() { return store; }
    Hooks hooks() { return hooks; }
    UpdateRecorder updates() { return updates; }
    Tasks tasks() { return tasks; }
    Expansion expansion() { return expansion; }
    Migration migration() { return migration; }
    ExecutorService parallelExecutor() { return parallel; }
    WorkerPool<Work> pool() { return pool; }
    String instanceId() { return instanceId; }

    double shutdownAckTimeout() {
        return settings.shutdownAckTimeout();
    }

    /** Reboots closer together than this are spread out (negative setting: the backend's value). */
    double minimumRebootDelay() {
        return settings.minimumRebootDelay() >= 0 ? settings.minimumRebootDelay() : backend.vm().minimumRebootDelay();
    }

    // queueing

    /** Queues {@code op} on its VM's queue in a new task. */
    TaskHandle queue(String dbg, Operation op) {
        return queue(dbg, op, false);
    }

    private TaskHandle queue(String dbg, Operation op, boolean internal) {
        if (stopped) {
            throw XenopsException.internal("xenops instance " + settings.queue() + " is stopping");
        }
        TaskHandle t = tasks.add(dbg);
        if (internal) {
            t.destroyOnFinish();
        }
        Work w = new Work(op.vm(), op, t);
        boolean queued = pool.push(w, op.isCheck() ? other -> other.op().equals(op) : null);
        if (!queued) {
            // The same check already waits in this queue: this one would find nothing new.
            t.log("coalesced with an identical queued " + op.name());
            t.completed(null);
            finish(t);
        }
        return t;
    }

    /** Queues an operation the instance asked for itself; its task goes away when it ends. */
    TaskHandle queueInternal(String dbg, Operation op) {
        return queue(dbg, op, true);
    }

    /** Queues {@code op} and waits for it; the task is destroyed and its failure rethrown. */
    void queueAndWait(String dbg, Operation op) {
        TaskHandle t = queue(dbg, op);
        t.awaitEnd(Duration.ofMinutes(20));
        tasks.remove(t.id());
        updates.remove(DynamicId.task(t.id()));
        switch (t.state().status()) {
            case COMPLETED -> { }
            case FAILED -> throw new XenopsException(t.state().error());
            default -> {
                t.cancel();
                throw XenopsException.cancelled(t.id());
            }
        }
    }

    /** Runs {@code op} at once in this thread, in a task of its own (the original's immediate_operation). */
    void immediate(String dbg, Operation op) {
        TaskHandle t = tasks.add(dbg);
        tasks.remove(t.id());
        try {
            performer.perform(op, t);
        } catch (RuntimeException e) {
            throw XenopsException.wrap(e);
        }
    }

    private void execute(Work w) {
        TaskHandle t = w.task();
        try {
            Object result = performer.perform(w.op(), t);
            t.completed(result);
        } catch (RuntimeException | Error e) {
            XenopsException x = XenopsException.wrap(e);
            if (!(e instanceof XenopsException)) {
                LOG.error("[{}] task {} failed unexpectedly: {}", t.dbg(), t.id(), Operation.describe(w.op()), e);
            }
            t.failed(x);
        } finally {
            finish(t);
        }
    }

    private void finish(TaskHandle t) {
        if (t.isDestroyOnFinish()) {
            tasks.remove(t.id());
            updates.remove(DynamicId.task(t.id()));
        } else if (tasks.exists(t.id())) {
            updates.add(DynamicId.task(t.id()));
        }
    }

    // signals

    void signalVm(String id) {
        if (store.exists(id)) {
            updates.add(DynamicId.vm(id));
        }
    }

    void signalDevice(DynamicId.Kind kind, DeviceId id) {
        boolean exists = switch (kind) {
            case VBD -> store.vbd(id) != null;
            case VIF -> store.vif(id) != null;
            case PCI -> store.pci(id) != null;
            case VGPU -> store.vgpu(id) != null;
            case VUSB -> store.vusb(id) != null;
            default -> false;
        };
        if (exists) {
            updates.add(DynamicId.device(kind, id));
        }
    }

    /** Removes a VM and its devices from the metadata and the update feed. */
    void forgetVm(String id) {
        store.vbds(id).forEach(v -> updates.remove(DynamicId.device(DynamicId.Kind.VBD, v.id())));
        store.vifs(id).forEach(v -> updates.remove(DynamicId.device(DynamicId.Kind.VIF, v.id())));
        store.pcis(id).forEach(v -> updates.remove(DynamicId.device(DynamicId.Kind.PCI, v.id())));
        store.vgpus(id).forEach(v -> updates.remove(DynamicId.device(DynamicId.Kind.VGPU, v.id())));
        store.vusbs(id).forEach(v -> updates.remove(DynamicId.device(DynamicId.Kind.VUSB, v.id())));
        store.removeVm(id);
        updates.remove(DynamicId.vm(id));
    }

    /** A backend says something needs attention; only what this instance manages is looked at. */
    private void onBackendSignal(DynamicId id) {
        if (stopped) {
            return;
        }
        try {
            switch (id.kind()) {
                case VM -> {
                    if (store.exists(id.id())) {
                        queueInternal("events", new VmCheckState(id.id()));
                    }
                }
                case VBD -> {
                    if (store.vbd(id.deviceId()) != null) {
                        queueInternal("events", new VbdCheckState(id.deviceId()));
                    }
                }
                case VIF -> {
                    if (store.vif(id.deviceId()) != null) {
                        queueInternal("events", new VifCheckState(id.deviceId()));
                    }
                }
                case PCI -> {
                    if (store.pci(id.deviceId()) != null) {
                        queueInternal("events", new PciCheckState(id.deviceId()));
                    }
                }
                case VUSB -> {
                    if (store.vusb(id.deviceId()) != null) {
                        queueInternal("events", new VusbCheckState(id.deviceId()));
                    }
                }
                default -> LOG.debug("ignoring backend event on {}", id);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot queue a check for {}: {}", settings.queue(), id, e.toString());
        }
    }

    // reboots

    void rebooting(String id, Runnable body) {
        synchronized (rebooting) {
            rebooting.add(id);
        }
        try {
            body.run();
        } finally {
            synchronized (rebooting) {
                rebooting.remove(id);
            }
        }
    }

    boolean isRebooting(String id) {
        synchronized (rebooting) {
            return rebooting.contains(id);
        }
    }

    // metadata import

    void importMetadata(Metadata md) {
        Vm vm = md.vm();
        store.putVm(vm);
        md.vbds().forEach(v -> store.putVbd(v.id().vm().equals(vm.id()) ? v : v.withId(new DeviceId(vm.id(), v.id().device()))));
        md.vifs().forEach(v -> store.putVif(v.id().vm().equals(vm.id()) ? v : v.withId(new DeviceId(vm.id(), v.id().device()))));
        md.pcis().forEach(v -> store.putPci(v.id().vm().equals(vm.id()) ? v : v.withId(new DeviceId(vm.id(), v.id().device()))));
        md.vgpus().forEach(v -> store.putVgpu(v.id().vm().equals(vm.id()) ? v : v.withId(new DeviceId(vm.id(), v.id().device()))));
        md.vusbs().forEach(v -> store.putVusb(v.id().vm().equals(vm.id()) ? v : v.withId(new DeviceId(vm.id(), v.id().device()))));
        backend.vm().add(vm);
        signalVm(vm.id());
    }

    Metadata exportMetadata(String id) {
        return new Metadata(store.vmExn(id), store.vbds(id), store.vifs(id), store.pcis(id), store.vgpus(id),
                store.vusbs(id), null);
    }

    // diagnostics

    Map<String, Object> diagnostics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queue", settings.queue());
        m.put("instance_id", instanceId);
        m.put("worker_pool", pool.dump());
        List<Object> ts = new java.util.ArrayList<>();
        for (TaskHandle t : tasks.list()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("id", t.id());
            tm.put("dbg", t.dbg());
            tm.put("state", t.state().status().name());
            tm.put("progress", t.state().progress());
            tm.put("debug_info", t.info().debugInfo());
            tm.put("log", t.debugLog());
            ts.add(tm);
        }
        m.put("tasks", ts);
        m.put("updates", updates.dump());
        m.put("vms", store.vmIds());
        return m;
    }
}
