package org.jxapi.xenops.api;

import java.util.Objects;

/**
 * A task's state: pending with a progress in [0, 1], completed with its duration (seconds) and an
 * optional result (a plain JSON value: String, Number, Boolean, List or Map), or failed with an error.
 */
public record TaskState(Status status, double progress, double duration, Object result, XenopsError error) {
    public enum Status { PENDING, COMPLETED, FAILED }

    public TaskState {
        Objects.requireNonNull(status, "status");
        if (status == Status.FAILED) {
            Objects.requireNonNull(error, "error");
        }
    }

    public static TaskState pending(double progress) {
        return new TaskState(Status.PENDING, progress, 0, null, null);
    }

    public static TaskState completed(double duration, Object result) {
        return new TaskState(Status.COMPLETED, 1.0, duration, result, null);
    }

    public static TaskState failed(XenopsError error) {
        return new TaskState(Status.FAILED, 1.0, 0, null, error);
    }

    public boolean ended() {
        return status != Status.PENDING;
    }
}
