package org.jxapi.xenops.spi;

import java.time.Duration;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The task a backend operation runs in. Backends call {@link #checkCancelling()} between steps,
 * block only through {@link #sleep}, {@link #run} or with an {@link #onCancel} action that unblocks
 * them, and so answer a cancellation within the original's 30 seconds.
 */
@ProviderType
public interface Task {
    String id();

    /** The client's debug string, for log lines. */
    String dbg();

    /** A cancellation point: throws {@code Cancelled} if the task is being cancelled. */
    void checkCancelling();

    boolean isCancelling();

    /**
     * Registers an action run when the task is cancelled (at once if it already is), to unblock a
     * wait; closing the registration removes it.
     */
    Registration onCancel(Runnable action);

    /** Waits, returning early with {@code Cancelled} when the task is cancelled. */
    void sleep(Duration duration);

    /**
     * Runs a subprocess to its end and returns its exit code and output (stdout and stderr merged).
     * Cancelling the task destroys the process and its descendants, then throws {@code Cancelled}.
     */
    ProcessResult run(ProcessBuilder command);

    /** Progress of the current step, in [0, 1]. */
    void setProgress(double fraction);

    /** Adds a line to the task's own debug log (shown in diagnostics). */
    void log(String message);

    /** Runs {@code body} as a named subtask, recorded with its outcome in the task's state. */
    <T> T subtask(String name, Supplier<T> body);

    /** From now on the task ignores cancellation (the original does this just before a domain suspends). */
    void prohibitCancellation();

    /** A registered cancel action; closing it unregisters. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** A finished subprocess. */
    record ProcessResult(int exitCode, String output) {
    }
}
