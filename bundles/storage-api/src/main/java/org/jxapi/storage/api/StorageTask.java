package org.jxapi.storage.api;

import java.time.Instant;

/** A long-running storage operation (the original's {@code Task.t}). */
public record StorageTask(String id, String dbg, Instant ctime, TaskState state, boolean cancellable) {
}
