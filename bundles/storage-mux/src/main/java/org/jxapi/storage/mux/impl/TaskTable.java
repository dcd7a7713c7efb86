package org.jxapi.storage.mux.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jxapi.storage.api.DynamicId;
import org.jxapi.storage.api.StorageTask;
import org.jxapi.storage.api.TaskState;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage tasks: long operations (DATA.copy) run on a small pool; their state is polled with
 * TASK.stat and announced on the update feed. Cancelling interrupts the worker, which kills any
 * external program it runs; the task then fails with {@code TASK_CANCELLED} and its work cleans up
 * after itself. A finished task stays until TASK.destroy.
 */
final class TaskTable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskTable.class);

    /** What a running task can tell its table. */
    interface Handle {
        String id();

        void progress(long done, long total);

        /** Throws TASK_CANCELLED when the task was cancelled. */
        void checkCancelled();
    }

    private final class Task implements Handle {
        final String id = UUID.randomUUID().toString();
        final String dbg;
        final Instant ctime = Instant.now();
        final long started = System.nanoTime();
        volatile TaskState state = new TaskState.Pending(0);
        volatile boolean cancelled;
        volatile boolean running;
        volatile Future<?> future;

        Task(String dbg) {
            this.dbg = dbg;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void progress(long done, long total) {
            double p = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
            if (state instanceof TaskState.Pending old && p - old.progress() >= 0.01) {
                state = new TaskState.Pending(p);
                changed.accept(new DynamicId(DynamicId.Kind.TASK, "", id));
            }
        }

        @Override
        public void checkCancelled() {
            if (cancelled || Thread.currentThread().isInterrupted()) {
                throw ErrorCodes.TASK_CANCELLED.error(id);
            }
        }

        StorageTask view() {
            return new StorageTask(id, dbg, ctime, state, state instanceof TaskState.Pending);
        }
    }

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final Consumer<DynamicId> changed;

    TaskTable(int threads, Consumer<DynamicId> changed) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "jxapi-storage-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.changed = changed;
    }

    /** Starts {@code work} and returns the task's id; the work's result becomes the task's result. */
    String submit(String dbg, Function<Handle, VdiInfo> work) {
        Task t = new Task(dbg);
        tasks.put(t.id, t);
        t.future = pool.submit(() -> run(t, work));
        changed.accept(new DynamicId(DynamicId.Kind.TASK, "", t.id));
        return t.id;
    }

    private void run(Task t, Function<Handle, VdiInfo> work) {
        t.running = true;
        try {
            t.checkCancelled();
            VdiInfo result = work.apply(t);
            t.checkCancelled();
            t.state = new TaskState.Completed((System.nanoTime() - t.started) / 1e9, result);
        } catch (RuntimeException e) {
            XenApiException x = t.cancelled ? ErrorCodes.TASK_CANCELLED.error(t.id)
                    : e instanceof XenApiException xe ? xe : XenApiException.internal(e);
            LOG.info("storage task {} ({}) failed: {}", t.id, t.dbg, x.errorDescription());
            t.state = new TaskState.Failed(x.errorDescription());
        } finally {
            Thread.interrupted();
            changed.accept(new DynamicId(DynamicId.Kind.TASK, "", t.id));
        }
    }

    private Task find(String id) {
        Task t = tasks.get(id);
        if (t == null) {
            throw ErrorCodes.HANDLE_INVALID.error("task", id);
        }
        return t;
    }

    StorageTask stat(String id) {
        return find(id).view();
    }

    void cancel(String id) {
        Task t = find(id);
        if (t.state instanceof TaskState.Pending) {
            t.cancelled = true;
            Future<?> f = t.future;
            if (f != null && f.cancel(true) && !t.running) {
                // Cancelled before a worker picked it up: run() will never say so.
                t.state = new TaskState.Failed(ErrorCodes.TASK_CANCELLED.error(t.id).errorDescription());
                changed.accept(new DynamicId(DynamicId.Kind.TASK, "", t.id));
            }
        }
    }

    void destroy(String id) {
        Task t = find(id);
        if (t.state instanceof TaskState.Pending) {
            cancel(id);
        }
        tasks.remove(id);
    }

    List<StorageTask> list() {
        List<StorageTask> all = new ArrayList<>();
        tasks.values().forEach(t -> all.add(t.view()));
        all.sort(Comparator.comparing(StorageTask::ctime));
        return all;
    }

    void close() {
        tasks.values().forEach(t -> t.cancelled = true);
        pool.shutdownNow();
    }
}
