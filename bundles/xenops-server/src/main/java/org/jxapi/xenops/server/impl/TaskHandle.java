package org.jxapi.xenops.server.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.common.exec.RunningCommand;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;

/**
 * A task: its state, subtasks and debug log, and the cancellation machinery. Every call of
 * {@link #checkCancelling()} is a numbered cancellation point; tests can ask that the task
 * cancel itself at point n, or stop there until released or cancelled.
 */
final class TaskHandle implements Task {
    private static final int LOG_LINES = 100;

    private final String id;
    private final String dbg;
    private final double ctime;
    private final Tasks owner;
    private final Object lock = new Object();
    private final long startNanos = System.nanoTime();

    private volatile TaskState state = TaskState.pending(0);
    private final Map<String, TaskState> subtasks = new LinkedHashMap<>();
    private final Deque<String> log = new ArrayDeque<>();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean cancelling;
    private boolean cancellable = true;
    private int cancelPointsSeen;
    private final int cancelAt;
    private int pauseAt;
    private boolean paused;
    private boolean destroyOnFinish;
    private String backtrace = "";

    TaskHandle(Tasks owner, String id, String dbg, int cancelAt, int pauseAt) {
        this.owner = owner;
        this.id = id;
        this.dbg = dbg == null ? "" : dbg;
        this.ctime = System.currentTimeMillis() / 1000.0;
        this.cancelAt = cancelAt;
        this.pauseAt = pauseAt;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String dbg() {
        return dbg;
    }

    TaskState state() {
        return state;
    }

    boolean ended() {
        return state.ended();
    }

    /** Requests cancellation: sets the flag, wakes waits and pauses, runs the registered actions. */
    void cancel() {
        List<Runnable> actions;
        synchronized (lock) {
            if (!cancellable) {
                log("cancel refused: the task is no longer cancellable");
                return;
            }
            cancelling = true;
            actions = new ArrayList<>(cancelActions);
            lock.notifyAll();
        }
        log("cancel requested");
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException e) {
                log("cancel action failed: " + e);
            }
        }
    }

    @Override
    public void checkCancelling() {
        boolean notifyPause = false;
        int point;
        synchronized (lock) {
            point = ++cancelPointsSeen;
            if (cancelling) {
                throw cancelled();
            }
            if (point == cancelAt) {
                log("cancelled by the test trigger at cancel point " + point);
                throw cancelled();
            }
            if (point == pauseAt) {
                paused = true;
                notifyPause = true;
            }
        }
        if (notifyPause) {
            log("paused by the test trigger at cancel point " + point);
            owner.signalTask(this);
            synchronized (lock) {
                while (paused && !cancelling) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        cancelling = true;
                    }
                }
                paused = false;
                if (cancelling) {
                    throw cancelled();
                }
            }
        }
    }

    /** Lets a task stopped by a pause trigger go on. */
    void release() {
        synchronized (lock) {
            paused = false;
            pauseAt = 0;
            lock.notifyAll();
        }
    }

    private XenopsException cancelled() {
        return XenopsException.cancelled(id);
    }

    @Override
    public boolean isCancelling() {
        synchronized (lock) {
            return cancelling;
        }
    }

    @Override
    public Registration onCancel(Runnable action) {
        boolean runNow;
        synchronized (lock) {
            runNow = cancelling;
            if (!runNow) {
                cancelActions.add(action);
            }
        }
        if (runNow) {
            action.run();
            return () -> { };
        }
        return () -> {
            synchronized (lock) {
                cancelActions.remove(action);
            }
        };
    }

    @Override
    public void sleep(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (lock) {
            while (!cancelling) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelling = true;
                }
            }
        }
        checkCancelling();
    }

    /**
     * Runs the builder's command, environment and directory (its redirections are not used: output
     * and error are captured merged) through the shared runner, without a time limit of its own:
     * cancelling the task kills the process tree.
     */
    @SuppressWarnings("try") // the registration only has to be closed
    @Override
    public ProcessResult run(ProcessBuilder command) {
        checkCancelling();
        ExternalCommand c = ExternalCommand.of(command.command()).withEnvironment(command.environment())
                .withMergedOutput().withoutTimeout();
        if (command.directory() != null) {
            c = c.withDirectory(command.directory().toPath());
        }
        RunningCommand running;
        try {
            running = c.start();
        } catch (CommandException e) {
            throw e.getCause() instanceof IOException io ? new UncheckedIOException(io) : e;
        }
        try (Registration r = onCancel(running::cancel)) {
            CommandResult result = running.await();
            checkCancelling();
            return new ProcessResult(result.exitCode(), result.stdout());
        } catch (CommandException e) {
            // Killed: by the task's cancellation, which raises Cancelled here, or by an interrupt
            // of this thread, which leaves the interrupt flag set and returns how the kill ended.
            checkCancelling();
            return new ProcessResult(e.exitCode(), e.stdout());
        }
    }

    @Override
    public void setProgress(double fraction) {
        if (!state.ended()) {
            state = TaskState.pending(Math.max(0, Math.min(1, fraction)));
            owner.signalTask(this);
        }
    }

    @Override
    public void log(String message) {
        String line = String.format("%.3f %s", (System.nanoTime() - startNanos) / 1e9, message);
        synchronized (lock) {
            if (log.size() == LOG_LINES) {
                log.removeFirst();
            }
            log.addLast(line);
        }
    }

    List<String> debugLog() {
        synchronized (lock) {
            return new ArrayList<>(log);
        }
    }

    @Override
    public <T> T subtask(String name, Supplier<T> body) {
        long t0 = System.nanoTime();
        synchronized (lock) {
            subtasks.put(name, TaskState.pending(0));
        }
        try {
            T r = body.get();
            synchronized (lock) {
                subtasks.put(name, TaskState.completed((System.nanoTime() - t0) / 1e9, null));
            }
            return r;
        } catch (RuntimeException e) {
            synchronized (lock) {
                subtasks.put(name, TaskState.failed(XenopsException.wrap(e).error()));
            }
            throw e;
        }
    }

    @Override
    public void prohibitCancellation() {
        synchronized (lock) {
            if (cancelling) {
                throw cancelled();
            }
            cancellable = false;
        }
    }

    void completed(Object result) {
        synchronized (lock) {
            state = TaskState.completed((System.nanoTime() - startNanos) / 1e9, result);
            lock.notifyAll();
        }
    }

    /** Waits until the task has ended or {@code timeout} passed; true if it ended. */
    boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!state.ended()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return state.ended();
                }
            }
            return true;
        }
    }

    void failed(XenopsException e) {
        synchronized (lock) {
            StringBuilder sb = new StringBuilder();
            for (StackTraceElement el : e.getStackTrace()) {
                if (sb.length() > 2000) {
                    break;
                }
                sb.append(el).append('\n');
            }
            backtrace = sb.toString();
            state = TaskState.failed(e.error());
            lock.notifyAll();
        }
    }

    void destroyOnFinish() {
        synchronized (lock) {
            destroyOnFinish = true;
        }
    }

    boolean isDestroyOnFinish() {
        synchronized (lock) {
            return destroyOnFinish;
        }
    }

    TaskInfo info() {
        synchronized (lock) {
            Map<String, String> debug = new LinkedHashMap<>();
            debug.put("cancel_points_seen", Integer.toString(cancelPointsSeen));
            if (paused) {
                debug.put("paused_at", Integer.toString(cancelPointsSeen));
            }
            if (cancelling) {
                debug.put("cancelling", "true");
            }
            return new TaskInfo(id, dbg, ctime, state, subtasks, debug, backtrace, cancellable);
        }
    }
}
