package org.jxapi.db;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** An immutable, consistent state of the database. Holding one never blocks writers. */
@ProviderType
public interface Snapshot extends Reader {

    /**
     * What changed after generation {@code since}, up to this snapshot's generation, one entry per
     * object (repeated changes coalesce), limited to {@code classes} (model names; null for all).
     * When {@code since} is older than the change history kept, the result says so
     * ({@link ChangeSet#complete()} is false): deletions may be missing.
     */
    ChangeSet changesSince(long since, Set<String> classes);

    /** Row counts of every table. */
    java.util.Map<String, Integer> counts();
}
