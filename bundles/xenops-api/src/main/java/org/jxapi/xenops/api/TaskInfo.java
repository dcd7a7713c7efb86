package org.jxapi.xenops.api;

import java.util.Map;
import java.util.Objects;

/**
 * What {@code TASK.stat} returns. {@code debugInfo} holds, among others, {@code cancel_points_seen};
 * {@code subtasks} keeps the order in which they started.
 */
public record TaskInfo(String id, String dbg, double ctime, TaskState state, Map<String, TaskState> subtasks,
        Map<String, String> debugInfo, String backtrace, boolean cancellable) {
    public TaskInfo {
        Objects.requireNonNull(id, "id");
        dbg = dbg == null ? "" : dbg;
        Objects.requireNonNull(state, "state");
        subtasks = Copies.map(subtasks);
        debugInfo = Copies.map(debugInfo);
        backtrace = backtrace == null ? "" : backtrace;
    }
}
