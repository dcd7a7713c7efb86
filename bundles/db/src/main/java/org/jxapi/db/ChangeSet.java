package org.jxapi.db;

import java.util.List;

/**
 * The objects that changed between two generations. {@code complete} is false when the caller's
 * starting point is older than the kept history, so deletions in between may be missing.
 */
public record ChangeSet(long since, long upTo, boolean complete, List<Change> changes) {
    public ChangeSet {
        changes = List.copyOf(changes);
    }
}
