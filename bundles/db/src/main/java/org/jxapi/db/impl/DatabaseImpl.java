package org.jxapi.db.impl;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.jxapi.common.io.AtomicFile;
import org.jxapi.db.Database;
import org.jxapi.db.DatabaseStats;
import org.jxapi.db.Snapshot;
import org.jxapi.db.Transaction;
import org.jxapi.xenapi.model.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database engine. Writers take turns under one lock, build the next immutable state and
 * hand their journal record to the flusher thread, which writes everything queued so far with one
 * fsync (group commit) and then publishes the newest state to readers and wakes the writers. So
 * readers only ever see what is on disk, and a writer returns only once its change is.
 */
public final class DatabaseImpl implements Database, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseImpl.class);

    private final Schema schema = Schema.get();
    private final DbOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private DbState head;
    private volatile SnapshotImpl published;
    private volatile long publishedGen;
    private volatile CompletableFuture<Long> nextPublish = new CompletableFuture<>();
    private final Object publishMonitor = new Object();
    private Changelog changelog;

    // Group commit: guarded by queueLock.
    private final Object queueLock = new Object();
    private Bytes queued = new Bytes(64 << 10);
    private Bytes spare = new Bytes(64 << 10);
    private final ArrayDeque<Pending> queuedStates = new ArrayDeque<>();

    /** A committed state waiting for the disk, and the writer to wake when it is there. */
    private static final class Pending {
        final DbState state;
        final Thread writer;
        volatile boolean published;

        Pending(DbState state, Thread writer) {
            this.state = state;
            this.writer = writer;
        }
    }
    private boolean stopping;

    /** The segment being appended to; swapped only under journalLock. */
    private JournalFile journal;
    private final Object journalLock = new Object();
    private final Thread flusher;
    private volatile Throwable failure;
    private volatile boolean compacting;
    /** The running compaction, which close() lets finish: a reopened database must not race it. */
    private volatile Thread compaction;

    /** Completes the futures of awaitGeneration, in publish order. */
    private final java.util.concurrent.ExecutorService notifier = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jxapi-db-notifier");
        t.setDaemon(true);
        return t;
    });

    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong journalBytes = new AtomicLong();
    private final AtomicLong compactions = new AtomicLong();

    private DatabaseImpl(DbOptions options) {
        this.options = options;
        this.flusher = options.dir() == null ? null : new Thread(this::flushLoop, "jxapi-db-flusher");
    }

    /** Opens (recovering from disk when a directory is given) or creates a database. */
    public static DatabaseImpl open(DbOptions options) throws IOException {
        DatabaseImpl db = new DatabaseImpl(options);
        db.start();
        return db;
    }

    private void start() throws IOException {
        if (options.dir() == null) {
            head = DbState.empty(schema);
        } else {
            Files.createDirectories(options.dir());
            head = recover(options.dir());
        }
        changelog = new Changelog(options.changelogCapacity(), head.generation);
        publish(head);
        if (flusher != null) {
            flusher.setDaemon(true);
            flusher.start();
        }
    }

    // ---- recovery ----

    private DbState recover(Path dir) throws IOException {
        TreeMap<Long, Path> states = StateFiles.states(dir);
        DbState state = DbState.empty(schema);
        if (!states.isEmpty()) {
            Map.Entry<Long, Path> newest = states.lastEntry();
            try (InputStream in = Files.newInputStream(newest.getValue())) {
                state = StateDbXml.read(in, schema);
            }
            LOG.info("database: loaded {} (generation {}, {} objects)", newest.getValue().getFileName(),
                    state.generation, state.rowCount());
        }
        TreeMap<Long, Path> journals = StateFiles.journals(dir);
        long replayed = 0;
        for (Map.Entry<Long, Path> j : journals.entrySet()) {
            boolean last = j.getKey().equals(journals.lastKey());
            DbState[] cur = {state};
            long[] count = {0};
            long valid;
            try {
                valid = JournalFile.read(j.getValue(), (gen, ops) -> {
                    if (gen <= cur[0].generation) {
                        return;
                    }
                    TxnImpl tx = new TxnImpl(schema, cur[0], gen, false);
                    Replayer.apply(schema, tx, ops);
                    cur[0] = tx.finish();
                    count[0]++;
                });
            } catch (RuntimeException e) {
                throw new IOException("journal " + j.getValue().getFileName() + " cannot be replayed: " + e, e);
            }
            long size = Files.size(j.getValue());
            if (valid < size) {
                if (!last) {
                    throw new IOException("journal " + j.getValue().getFileName() + " is corrupt at byte " + valid
                            + " and is not the newest segment: refusing to start without the records after it");
                }
                LOG.warn("database: dropping a torn tail of {} bytes from {} (never acknowledged)", size - valid,
                        j.getValue().getFileName());
                JournalFile.truncate(j.getValue(), valid);
            }
            state = cur[0];
            replayed += count[0];
        }
        if (replayed > 0) {
            LOG.info("database: replayed {} transactions from the journal, now at generation {}", replayed,
                    state.generation);
        }
        journal = JournalFile.create(dir, state.generation + 1);
        return state;
    }

    // ---- reading ----

    @Override
    public Snapshot snapshot() {
        return published;
    }

    @Override
    public long generation() {
        return publishedGen;
    }

    @Override
    public CompletableFuture<Long> awaitGeneration(long after) {
        CompletableFuture<Long> next = nextPublish;
        long g = publishedGen;
        if (g > after) {
            return CompletableFuture.completedFuture(g);
        }
        return next.thenCompose(x -> x > after ? CompletableFuture.completedFuture(x) : awaitGeneration(after));
    }

    // ---- writing ----

    @Override
    public <T> T write(Transaction<T> txn) {
        DbState next;
        T result;
        Pending pending;
        writeLock.lock();
        try {
            checkHealthy();
            DbState base = head;
            TxnImpl tx = new TxnImpl(schema, base, base.generation + 1, options.dir() != null);
            result = txn.run(tx);
            if (!tx.changed()) {
                long seen = base.generation;
                writeLock.unlock();
                // What the transaction read may still be on its way to disk.
                awaitPublished(seen);
                return result;
            }
            next = tx.finish();
            changelog.append(next.generation, tx.changes());
            head = next;
            transactions.incrementAndGet();
            if (flusher == null) {
                publish(next);
                return result;
            }
            pending = new Pending(next, Thread.currentThread());
            synchronized (queueLock) {
                if (tx.ops() != null && tx.opCount() > 0) {
                    JournalFile.frame(queued, next.generation, tx.ops(), tx.opCount());
                }
                queuedStates.addLast(pending);
                queueLock.notifyAll();
            }
        } finally {
            if (writeLock.isHeldByCurrentThread()) {
                writeLock.unlock();
            }
        }
        // Each writer parks on its own: the flusher wakes exactly the writers it made durable.
        boolean interrupted = false;
        while (!pending.published) {
            if (failure != null) {
                throw ErrorCodes.INTERNAL_ERROR.error("the database journal failed: " + failure);
            }
            java.util.concurrent.locks.LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    private void checkHealthy() {
        Throwable f = failure;
        if (f != null) {
            throw ErrorCodes.INTERNAL_ERROR.error("the database journal failed: " + f);
        }
        if (stopping) {
            throw ErrorCodes.INTERNAL_ERROR.error("the database is shutting down");
        }
    }

    private void awaitPublished(long gen) {
        if (publishedGen >= gen) {
            return;
        }
        boolean interrupted = false;
        synchronized (publishMonitor) {
            while (publishedGen < gen) {
                if (failure != null) {
                    throw ErrorCodes.INTERNAL_ERROR.error("the database journal failed: " + failure);
                }
                try {
                    publishMonitor.wait();
                } catch (InterruptedException e) {
                    // The change is committed in memory and queued; it will reach the disk. Wait on.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(DbState state) {
        published = new SnapshotImpl(schema, state, changelog);
        publishedGen = state.generation;
        CompletableFuture<Long> done = nextPublish;
        nextPublish = new CompletableFuture<>();
        synchronized (publishMonitor) {
            publishMonitor.notifyAll();
        }
        // Watchers' callbacks run on the notifier, never on the flusher that writers wait for.
        long gen = state.generation;
        notifier.execute(() -> done.complete(gen));
    }

    // ---- the flusher ----

    private void flushLoop() {
        while (true) {
            Bytes batch;
            DbState last;
            Pending[] wake;
            synchronized (queueLock) {
                while (queuedStates.isEmpty() && !stopping) {
                    try {
                        queueLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (queuedStates.isEmpty()) {
                    return;
                }
                batch = queued;
                queued = spare;
                spare = batch;
                last = queuedStates.peekLast().state;
                wake = queuedStates.toArray(new Pending[0]);
                queuedStates.clear();
            }
            try {
                synchronized (journalLock) {
                    if (batch.length() > 0) {
                        journal.append(batch, options.fsync());
                        fsyncs.incrementAndGet();
                        journalBytes.addAndGet(batch.length());
                    }
                    batch.reset();
                    publish(last);
                    for (Pending p : wake) {
                        p.published = true;
                        java.util.concurrent.locks.LockSupport.unpark(p.writer);
                    }
                    if (journal.size() >= options.compactBytes() && !compacting) {
                        rotateAndCompact(last);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("database: the journal cannot be written; refusing further changes", e);
                failure = e;
                synchronized (publishMonitor) {
                    publishMonitor.notifyAll();
                }
                for (Pending p : wake) {
                    java.util.concurrent.locks.LockSupport.unpark(p.writer);
                }
                return;
            }
        }
    }

    /**
     * Starts a new journal segment after {@code state} (everything up to it is durable in the
     * old one) and writes {@code state} as a state file in the background; once that is on disk
     * the older segments and state files go.
     */
    private void rotateAndCompact(DbState state) throws IOException {
        JournalFile old = journal;
        journal = JournalFile.create(options.dir(), state.generation + 1);
        old.close();
        compacting = true;
        Thread t = new Thread(() -> compact(state), "jxapi-db-compaction");
        t.setDaemon(true);
        compaction = t;
        t.start();
    }

    private void compact(DbState state) {
        Path dir = options.dir();
        try {
            writeStateFile(dir, state);
            for (Path p : StateFiles.olderThan(StateFiles.journals(dir), state.generation + 1)) {
                Files.deleteIfExists(p);
            }
            for (Path p : StateFiles.olderThan(StateFiles.states(dir), state.generation)) {
                Files.deleteIfExists(p);
            }
            compactions.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            LOG.warn("database: compaction at generation {} failed; the journal keeps everything", state.generation, e);
        } finally {
            compacting = false;
        }
    }

    /**
     * Writes a state file durably: a temporary file, forced, renamed, and the directory forced, so
     * that a state file, once the journal is trimmed after it, survives kill -9 and power loss.
     */
    private static void writeStateFile(Path dir, DbState state) throws IOException {
        AtomicFile.write(StateFiles.statePath(dir, state.generation), AtomicFile.Sync.DATA_AND_DIRECTORY, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            StateDbXml.write(state, w);
            w.flush();
        });
    }

    // ---- XML ----

    @Override
    public void exportXml(OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new BufferedOutputStream(out), StandardCharsets.UTF_8));
        StateDbXml.write(published.state, w);
        w.flush();
    }

    @Override
    public void importXml(InputStream in) throws IOException {
        DbState loaded = StateDbXml.read(in, schema);
        writeLock.lock();
        try {
            checkHealthy();
            long gen = Math.max(head.generation + 1, loaded.generation);
            DbState next = new DbState(gen, loaded.tables);
            if (options.dir() != null) {
                awaitPublished(head.generation);
                Path dir = options.dir();
                writeStateFile(dir, next);
                synchronized (journalLock) {
                    JournalFile old = journal;
                    journal = JournalFile.create(dir, gen + 1);
                    old.close();
                }
                for (Path p : StateFiles.olderThan(StateFiles.journals(dir), gen + 1)) {
                    Files.deleteIfExists(p);
                }
                for (Path p : StateFiles.olderThan(StateFiles.states(dir), gen)) {
                    Files.deleteIfExists(p);
                }
            }
            head = next;
            changelog.reset(gen);
            publish(next);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public DatabaseStats stats() {
        SnapshotImpl s = published;
        return new DatabaseStats(s.generation(), transactions.get(), fsyncs.get(), journalBytes.get(),
                compactions.get(), s.state.rowCount());
    }

    /** Writes everything queued, stops the flusher and closes the journal. */
    @Override
    public void close() {
        notifier.shutdown();
        if (flusher != null) {
            synchronized (queueLock) {
                stopping = true;
                queueLock.notifyAll();
            }
            try {
                flusher.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                synchronized (journalLock) {
                    journal.close();
                }
            } catch (IOException e) {
                LOG.warn("database: closing the journal failed", e);
            }
            Thread t = compaction;
            if (t != null) {
                try {
                    t.join(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } else {
            stopping = true;
        }
    }

    /** For tests: the exception a failed journal left, or null. */
    Throwable failure() {
        return failure;
    }
}
