package org.jxapi.xapi.storage.impl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jxapi.api.Call;
import org.jxapi.api.Tasks;
import org.jxapi.storage.api.DynamicId;
import org.jxapi.storage.api.Storage;
import org.jxapi.storage.api.StorageTask;
import org.jxapi.storage.api.TaskState;
import org.jxapi.storage.api.Updates;
import org.jxapi.xenapi.model.XenApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage tasks mirrored into XenAPI tasks, as the original's storage event loop does: one thread
 * follows the storage update feed. A task a XenAPI call waits for reports its progress on that
 * call's task; any other storage task gets a XenAPI task of its own, finished when it ends.
 */
final class TaskMirror {
    private static final Logger LOG = LoggerFactory.getLogger(TaskMirror.class);
    /** Storage tasks whose dbg starts with this were started by xapi calls, which follow them themselves. */
    static final String OWN = "xapi:";

    private record Waiter(CompletableFuture<StorageTask> done, Call call) { }

    private final Storage storage;
    private final java.util.function.Supplier<Tasks> tasks;
    private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
    private final Map<String, Tasks.TaskHandle> mirrored = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    TaskMirror(Storage storage, java.util.function.Supplier<Tasks> tasks) {
        this.storage = storage;
        this.tasks = tasks;
        this.thread = new Thread(this::loop, "jxapi-storage-task-mirror");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
        waiters.values().forEach(w -> w.done.completeExceptionally(
                new XenApiException("INTERNAL_ERROR", "the storage task mirror stopped")));
    }

    /** Waits for a storage task, reporting its progress on {@code call}'s task; returns its final state. */
    StorageTask await(String taskId, Call call) {
        Waiter w = new Waiter(new CompletableFuture<>(), call);
        waiters.put(taskId, w);
        try {
            // It may have ended before we listened.
            look(taskId);
            while (true) {
                try {
                    return w.done.get(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (call != null && call.isCancelled()) {
                        storage.taskCancel("xapi", taskId);
                    }
                    look(taskId);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    storage.taskCancel("xapi", taskId);
                    throw new XenApiException("INTERNAL_ERROR", "interrupted waiting for storage task " + taskId);
                }
            }
        } finally {
            waiters.remove(taskId);
        }
    }

    private void loop() {
        String token = "";
        while (running) {
            try {
                Updates u = storage.updatesGet("xapi task mirror", token, 30);
                token = u.next();
                for (DynamicId id : u.ids()) {
                    if (id.kind() == DynamicId.Kind.TASK) {
                        look(id.id());
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("storage update feed failed; retrying: {}", e.toString());
                sleep();
            }
        }
    }

    private void look(String taskId) {
        StorageTask t;
        try {
            t = storage.taskStat("xapi", taskId);
        } catch (XenApiException e) {
            return;
        }
        Waiter w = waiters.get(taskId);
        if (w != null) {
            if (t.state() instanceof TaskState.Pending p) {
                if (w.call != null) {
                    w.call.progress(p.progress());
                }
            } else {
                w.done.complete(t);
            }
            return;
        }
        if (t.dbg().startsWith(OWN)) {
            return;
        }
        mirrorForeign(t);
    }

    /** A storage task nobody in xapi waits for: shown as a XenAPI task of its own. */
    private void mirrorForeign(StorageTask t) {
        Tasks.TaskHandle h = mirrored.get(t.id());
        if (h == null) {
            if (!(t.state() instanceof TaskState.Pending)) {
                return;
            }
            Tasks ts = tasks.get();
            if (ts == null) {
                return;
            }
            try {
                h = ts.create(null, "SM " + t.dbg(), "storage task " + t.id());
            } catch (RuntimeException e) {
                LOG.debug("cannot mirror storage task {}: {}", t.id(), e.toString());
                return;
            }
            mirrored.put(t.id(), h);
        }
        if (t.state() instanceof TaskState.Pending p) {
            h.progress(p.progress());
        } else if (t.state() instanceof TaskState.Failed f) {
            mirrored.remove(t.id());
            h.fail(f.errorDescription());
        } else {
            mirrored.remove(t.id());
            h.succeed("");
        }
    }

    private void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> waiting() {
        return List.copyOf(waiters.keySet());
    }
}
