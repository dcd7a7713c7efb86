package org.jxapi.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The XenAPI database. Readers take a {@link Snapshot}: a consistent, immutable view that never
 * blocks writers. Writers run a {@link Transaction} against the newest state under one writer
 * lock; the call returns once the change is in the journal on disk (group commit), and only
 * then do readers see it. Every committed transaction that changes something gets the next
 * generation number.
 */
@ProviderType
public interface Database {

    /** The newest durable state. */
    Snapshot snapshot();

    /**
     * Runs {@code txn} against the newest state and commits what it changed. If it throws,
     * nothing changes. Returns after the change is durable and visible to readers.
     */
    <T> T write(Transaction<T> txn);

    /** The generation of the newest durable state. */
    long generation();

    /**
     * Completes with the new generation once a state newer than {@code after} is visible. Already
     * complete when one is. Lets the event system block without polling.
     */
    CompletableFuture<Long> awaitGeneration(long after);

    /** Writes the newest state in the original's {@code state.db} XML format. */
    void exportXml(OutputStream out) throws IOException;

    /**
     * Replaces the whole content with a {@code state.db} XML dump (a restore). Readers holding
     * older tokens are told their changes are lost.
     */
    void importXml(InputStream in) throws IOException;

    /** Counters for diagnostics and benchmarks. */
    DatabaseStats stats();
}
