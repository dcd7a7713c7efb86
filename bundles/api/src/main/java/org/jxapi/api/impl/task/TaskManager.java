package org.jxapi.api.impl.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jxapi.api.Tasks;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Task;
import org.jxapi.xenapi.model.types.TaskAllowedOperations;
import org.jxapi.xenapi.model.types.TaskStatusType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks: the objects behind {@code Async.} calls and long HTTP transfers. Async work runs on a
 * pool of its own; a cancelled task stops at its next cancellation point. Finished tasks are
 * destroyed after the original's timeouts, and beyond a cap the oldest finished ones go first.
 */
public final class TaskManager implements Tasks {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);

    /** The tunables, from configuration. */
    public record Limits(int maxPending, int maxFinished, long finishedTimeoutMillis, long pendingTimeoutMillis,
                         int threads) { }

    private final Database db;
    private final Limits limits;
    private final ExecutorService pool;
    private final ConcurrentHashMap<String, RunningTask> running = new ConcurrentHashMap<>();

    public TaskManager(Database db, Limits limits) {
        this.db = db;
        this.limits = limits;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(limits.threads(), limits.threads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "jxapi-async-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        this.pool = p;
        // Tasks do not outlive the server.
        db.write(tx -> {
            for (Row r : tx.table("task")) {
                tx.destroy("task", r.ref());
            }
            return null;
        });
    }

    public void shutdown() {
        pool.shutdownNow();
    }

    /** A pending task row; {@code TOO_MANY_PENDING_TASKS} beyond the limit. */
    private RunningTask newTask(Ref<Session> session, String label, String description) {
        if (running.size() >= limits.maxPending()) {
            throw ErrorCodes.TOO_MANY_PENDING_TASKS.error();
        }
        Ref<Task> ref = Ref.fresh();
        RunningTask t = new RunningTask(ref, db, () -> running.remove(ref.handle()));
        running.put(ref.handle(), t);
        try {
            db.write(tx -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name_label", label);
                f.put("name_description", description);
                f.put("created", Instant.now());
                f.put("status", TaskStatusType.PENDING);
                f.put("allowed_operations", Values.setOf(TaskAllowedOperations.CANCEL));
                f.put("resident_on", thisHost(tx));
                tx.create("task", ref, f);
                if (session != null && tx.row("session", session) != null) {
                    tx.addToSet("session", session, "tasks", ref);
                }
                return null;
            });
        } catch (RuntimeException e) {
            running.remove(ref.handle());
            throw e;
        }
        return t;
    }

    private static Ref<?> thisHost(org.jxapi.db.Reader r) {
        for (Row pool : r.table("pool")) {
            return (Ref<?>) pool.get("master");
        }
        return Ref.nullRef();
    }

    /**
     * Runs {@code work} asynchronously under a new task named after the call. The work gets the
     * task and returns the result already encoded as the original stores it in task.result.
     */
    public Ref<Task> submit(Ref<Session> session, String label, Function<RunningTask, String> work) {
        RunningTask t = newTask(session, label, "");
        pool.execute(() -> {
            if (t.isCancelled()) {
                t.cancelled();
                return;
            }
            t.markStarted();
            try {
                t.succeed(work.apply(t));
            } catch (XenApiException e) {
                if (e.code().equals(ErrorCodes.TASK_CANCELLED.name())) {
                    t.cancelled();
                } else {
                    t.fail(e.errorDescription());
                }
            } catch (RuntimeException | Error e) {
                LOG.error("task {} ({}) failed unexpectedly", t.ref(), label, e);
                t.fail(XenApiException.internal(e).errorDescription());
            }
        });
        return t.ref();
    }

    @Override
    public TaskHandle create(Ref<Session> session, String label, String description) {
        RunningTask t = newTask(session, label, description);
        t.markStarted();
        return t;
    }

    @Override
    public TaskHandle adopt(Ref<Task> task) {
        RunningTask t = running.get(task.handle());
        if (t == null) {
            db.snapshot().require("task", task);
            throw ErrorCodes.OPERATION_NOT_ALLOWED.error("task " + task.handle() + " has already finished");
        }
        return t;
    }

    /** {@code task.cancel}: a task that has not started ends at once; a running one at its next cancellation point. */
    public void cancel(Ref<Task> task) {
        db.snapshot().require("task", task);
        RunningTask t = running.get(task.handle());
        if (t == null || t.finished()) {
            return;
        }
        if (!t.started()) {
            t.requestCancel();
            t.cancelled();
        } else {
            t.requestCancel();
        }
    }

    /** {@code task.destroy}: cancels a running task and removes the object. */
    public void destroy(Ref<Task> task) {
        db.snapshot().require("task", task);
        RunningTask t = running.remove(task.handle());
        if (t != null && !t.finished()) {
            t.requestCancel();
        }
        db.write(tx -> {
            Row r = tx.row("task", task);
            if (r != null) {
                for (Row s : tx.table("session")) {
                    if (((java.util.Set<?>) s.get("tasks")).contains(task)) {
                        tx.removeFromSet("session", s.ref(), "tasks", task);
                    }
                }
                tx.destroy("task", task);
            }
            return null;
        });
    }

    /** Destroys finished tasks past their time or beyond the cap, and pending ones past theirs. */
    public void sweep() {
        long now = System.currentTimeMillis();
        List<Row> finished = new ArrayList<>();
        List<Ref<?>> expired = new ArrayList<>();
        for (Row r : db.snapshot().table("task")) {
            TaskStatusType status = (TaskStatusType) r.get("status");
            boolean done = status != TaskStatusType.PENDING && status != TaskStatusType.CANCELLING;
            if (done) {
                if (now - ((Instant) r.get("finished")).toEpochMilli() > limits.finishedTimeoutMillis()) {
                    expired.add(r.ref());
                } else {
                    finished.add(r);
                }
            } else if (now - ((Instant) r.get("created")).toEpochMilli() > limits.pendingTimeoutMillis()) {
                LOG.warn("task {} ({}) has been pending too long; destroying it", r.ref(), r.get("name_label"));
                expired.add(r.ref());
            }
        }
        if (finished.size() > limits.maxFinished()) {
            finished.sort(Comparator.comparing(r -> (Instant) r.get("finished")));
            for (int i = 0; i < finished.size() - limits.maxFinished(); i++) {
                expired.add(finished.get(i).ref());
            }
        }
        for (Ref<?> r : expired) {
            try {
                destroy(r.cast());
            } catch (XenApiException ignored) {
                // already gone
            }
        }
    }

    public int pending() {
        return running.size();
    }
}
