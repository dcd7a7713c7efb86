package org.jxapi.api.impl.task;

import java.time.Instant;
import java.util.List;

import org.jxapi.api.Tasks;
import org.jxapi.db.Database;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.Task;
import org.jxapi.xenapi.model.types.TaskStatusType;

/**
 * A task that has not finished: cancellation requests, progress (written to the database when it
 * moves by at least 1%), and the final state.
 */
public final class RunningTask implements Tasks.TaskHandle {
    private final Ref<Task> ref;
    private final Database db;
    private final Runnable onFinish;
    private volatile boolean cancelRequested;
    private volatile boolean started;
    private volatile boolean finished;
    private double lastWrittenProgress;

    RunningTask(Ref<Task> ref, Database db, Runnable onFinish) {
        this.ref = ref;
        this.db = db;
        this.onFinish = onFinish;
    }

    @Override
    public Ref<Task> ref() {
        return ref;
    }

    @Override
    public boolean isCancelled() {
        return cancelRequested;
    }

    boolean started() {
        return started;
    }

    void markStarted() {
        started = true;
    }

    boolean finished() {
        return finished;
    }

    /** Asks the work to stop at its next cancellation point. */
    void requestCancel() {
        cancelRequested = true;
        write(TaskStatusType.CANCELLING, null, null, false);
    }

    @Override
    public synchronized void progress(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        if (finished || Math.abs(f - lastWrittenProgress) < 0.01) {
            return;
        }
        lastWrittenProgress = f;
        db.write(tx -> {
            if (tx.row("task", ref) != null) {
                tx.set("task", ref, "progress", f);
            }
            return null;
        });
    }

    @Override
    public void succeed(String encodedResult) {
        finish(TaskStatusType.SUCCESS, encodedResult, null);
    }

    @Override
    public void fail(List<String> errorDescription) {
        finish(TaskStatusType.FAILURE, null, errorDescription);
    }

    @Override
    public void cancelled() {
        finish(TaskStatusType.CANCELLED, null, List.of("TASK_CANCELLED", ref.handle()));
    }

    private synchronized void finish(TaskStatusType status, String result, List<String> error) {
        if (finished) {
            return;
        }
        finished = true;
        write(status, result, error, true);
        onFinish.run();
    }

    private void write(TaskStatusType status, String result, List<String> error, boolean done) {
        db.write(tx -> {
            if (tx.row("task", ref) == null) {
                return null;
            }
            tx.set("task", ref, "status", status);
            if (done) {
                tx.set("task", ref, "finished", Instant.now());
                tx.set("task", ref, "allowed_operations", Values.emptySet());
                if (status == TaskStatusType.SUCCESS) {
                    tx.set("task", ref, "progress", 1.0);
                }
            } else {
                // Being cancelled: it can no longer be cancelled again.
                tx.set("task", ref, "allowed_operations", Values.emptySet());
            }
            if (result != null) {
                tx.set("task", ref, "result", result);
            }
            if (error != null) {
                tx.set("task", ref, "error_info", Values.copySet(error));
            }
            return null;
        });
    }
}
