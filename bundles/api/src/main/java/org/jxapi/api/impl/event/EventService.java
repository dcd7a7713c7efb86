package org.jxapi.api.impl.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jxapi.db.Change;
import org.jxapi.db.ChangeSet;
import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.EventBatch;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.types.Event;
import org.jxapi.xenapi.model.types.EventOperation;
import org.jxapi.xenapi.model.types.Session;

/**
 * Events computed from the database's generations: {@code event.from} answers "what changed in
 * these classes after this token", coalescing repeated changes, and waits (without holding a
 * thread) until something matches or the timeout passes. A change is delivered as soon as it
 * commits. The legacy {@code register}/{@code next} pair is served from the same feed.
 */
public final class EventService {
    private static final long MAX_TIMEOUT_MS = TimeUnit.HOURS.toMillis(24);

    private final Database db;
    private final ConcurrentHashMap<String, Registration> registrations = new ConcurrentHashMap<>();
    /** Where woken watchers compute and answer, in parallel; one thread per core is enough. */
    private final java.util.concurrent.ExecutorService wakeups = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "jxapi-event-wakeup");
                t.setDaemon(true);
                return t;
            });

    /** A session's legacy registration: what it watches and how far it has read. */
    private static final class Registration {
        Subscription subscription;
        Set<String> raw = new LinkedHashSet<>();
        long position;
        volatile CompletableFuture<Set<Event>> waiting;
    }

    /** Calls parked until the next commit (event.from and event.next); tests wait for it instead of sleeping. */
    private final java.util.concurrent.atomic.AtomicInteger parked = new java.util.concurrent.atomic.AtomicInteger();

    public EventService(Database db) {
        this.db = db;
    }

    public static String token(long generation) {
        return String.format("%020d,%020d", generation, 0L);
    }

    static long parseToken(String token) {
        try {
            int comma = token.indexOf(',');
            return Long.parseLong((comma < 0 ? token : token.substring(0, comma)).trim());
        } catch (NumberFormatException e) {
            throw ErrorCodes.EVENT_FROM_TOKEN_PARSE_FAILURE.error(token);
        }
    }

    // ---- event.from ----

    /**
     * Batches answered at the newest generation, by subscription and token: watchers that ask the
     * same question at the same moment (many clients following the same objects) get the same
     * batch, computed once, which the transport can then also encode once.
     */
    private record SharedKey(String subscription, long since) {
    }

    private final ConcurrentHashMap<SharedKey, EventBatch> shared = new ConcurrentHashMap<>();
    private volatile long sharedGeneration = -1;

    private EventBatch sharedBatch(SharedKey key, long generation) {
        return generation == sharedGeneration ? shared.get(key) : null;
    }

    private EventBatch share(SharedKey key, long generation, EventBatch batch) {
        if (generation > sharedGeneration) {
            synchronized (shared) {
                if (generation > sharedGeneration) {
                    shared.clear();
                    sharedGeneration = generation;
                }
            }
        }
        if (generation == sharedGeneration) {
            EventBatch first = shared.putIfAbsent(key, batch);
            return first != null ? first : batch;
        }
        return batch;
    }

    public CompletableFuture<EventBatch> from(Set<String> classes, String token, double timeoutSeconds) {
        Subscription sub = Subscription.parse(classes);
        long timeoutMs = Double.isNaN(timeoutSeconds) || timeoutSeconds < 0 ? 0
                : timeoutSeconds * 1000 > MAX_TIMEOUT_MS ? MAX_TIMEOUT_MS : (long) (timeoutSeconds * 1000);
        if (token.isEmpty()) {
            return CompletableFuture.completedFuture(everything(db.snapshot(), sub));
        }
        long since = parseToken(token);
        CompletableFuture<EventBatch> result = new CompletableFuture<>();
        SharedKey key = new SharedKey(String.join(",", new java.util.TreeSet<>(classes)), since);
        attempt(sub, key, since, System.currentTimeMillis() + timeoutMs, result);
        return result;
    }

    private void attempt(Subscription sub, SharedKey key, long since, long deadline,
                         CompletableFuture<EventBatch> result) {
        try {
            Snapshot s = db.snapshot();
            EventBatch known = sharedBatch(key, s.generation());
            if (known != null) {
                result.complete(known);
                return;
            }
            List<Event> events = changes(s, sub, since);
            long remaining = deadline - System.currentTimeMillis();
            if (!events.isEmpty()) {
                result.complete(share(key, s.generation(), batch(s, sub, events)));
                return;
            }
            if (remaining <= 0) {
                result.complete(batch(s, sub, events));
                return;
            }
            parked.incrementAndGet();
            db.awaitGeneration(s.generation()).orTimeout(remaining, TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((gen, err) -> {
                        parked.decrementAndGet();
                        if (err != null && unwrap(err) instanceof TimeoutException) {
                            // Nothing that matches since 's': answer empty, with 's' as the new token.
                            result.complete(batch(s, sub, List.of()));
                        } else if (err != null) {
                            result.completeExceptionally(err);
                        } else {
                            attempt(sub, key, since, deadline, result);
                        }
                    }, wakeups);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Matching changes after {@code since}; {@code EVENTS_LOST} when the history no longer reaches back. */
    private static List<Event> changes(Snapshot s, Subscription sub, long since) {
        ChangeSet cs = s.changesSince(since, sub.tables());
        if (!cs.complete()) {
            throw ErrorCodes.EVENTS_LOST.error();
        }
        List<Event> out = new ArrayList<>();
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        for (Change c : cs.changes()) {
            if (sub.matches(c)) {
                out.add(event(c, now));
            }
        }
        return out;
    }

    private static Event event(Change c, Instant now) {
        EventOperation op = switch (c.kind()) {
            case ADD -> EventOperation.ADD;
            case MOD -> EventOperation.MOD;
            case DEL -> EventOperation.DEL;
        };
        return new Event(c.row(), c.generation(), now, Subscription.lower(c.className()), op, c.ref().handle(),
                c.uuid());
    }

    /** For the empty token: every current object of the subscribed classes, as "add". */
    private static EventBatch everything(Snapshot s, Subscription sub) {
        List<Event> out = new ArrayList<>();
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        for (String cls : sub.countedClasses()) {
            Set<String> only = sub.all || sub.classes.contains(cls) ? null : sub.objects.get(cls);
            for (Row r : s.table(cls)) {
                if (only == null || only.contains(r.ref().handle())) {
                    out.add(new Event(r, r.modified(), now, Subscription.lower(cls), EventOperation.ADD,
                            r.ref().handle(), r.uuid()));
                }
            }
        }
        return batch(s, sub, out);
    }

    private static EventBatch batch(Snapshot s, Subscription sub, List<Event> events) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String cls : sub.countedClasses()) {
            counts.put(Subscription.lower(cls), (long) s.table(cls).size());
        }
        return new EventBatch(events, counts, token(s.generation()));
    }

    // ---- inject and the current id ----

    /** {@code event.inject}: marks the object changed; returns a token just before the change. */
    public String inject(String className, String ref) {
        ClassMeta meta = Model.clazzIgnoreCase(className);
        if (meta == null || !meta.isPersistent()) {
            throw ErrorCodes.EVENT_SUBSCRIPTION_PARSE_FAILURE.error(className);
        }
        long gen = db.write(tx -> {
            tx.touch(meta.name(), Ref.of(ref));
            return tx.generation();
        });
        return token(gen - 1);
    }

    public long currentId() {
        return db.generation();
    }

    // ---- event.register / unregister / next ----

    public void register(Ref<Session> session, Set<String> classes) {
        Subscription.parse(classes);
        Registration r = registrations.computeIfAbsent(session.handle(), k -> {
            Registration n = new Registration();
            n.position = db.generation();
            return n;
        });
        synchronized (r) {
            r.raw.addAll(classes);
            r.subscription = Subscription.parse(r.raw);
        }
    }

    public void unregister(Ref<Session> session, Set<String> classes) {
        Registration r = registrations.get(session.handle());
        if (r == null) {
            return;
        }
        synchronized (r) {
            r.raw.removeAll(classes);
            r.subscription = Subscription.parse(r.raw);
        }
    }

    /** Blocks (without a thread) until a registered class changes; unblocks with SESSION_INVALID on logout. */
    public CompletableFuture<Set<Event>> next(Ref<Session> session) {
        Registration r = registrations.get(session.handle());
        if (r == null) {
            throw ErrorCodes.SESSION_NOT_REGISTERED.error(session.handle());
        }
        CompletableFuture<Set<Event>> result = new CompletableFuture<>();
        r.waiting = result;
        nextAttempt(session, r, result);
        return result;
    }

    private void nextAttempt(Ref<Session> session, Registration r, CompletableFuture<Set<Event>> result) {
        if (result.isDone()) {
            return;
        }
        try {
            Snapshot s = db.snapshot();
            List<Event> events;
            synchronized (r) {
                try {
                    events = changes(s, r.subscription, r.position);
                } catch (org.jxapi.xenapi.model.XenApiException lost) {
                    r.position = s.generation();
                    throw lost;
                }
                if (!events.isEmpty()) {
                    r.position = s.generation();
                }
            }
            if (!events.isEmpty()) {
                result.complete(Values.copySet(events));
                return;
            }
            parked.incrementAndGet();
            db.awaitGeneration(s.generation()).whenCompleteAsync((g, err) -> {
                parked.decrementAndGet();
                if (err != null) {
                    result.completeExceptionally(err);
                } else {
                    nextAttempt(session, r, result);
                }
            }, wakeups);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** How many event.from and event.next calls are parked waiting for a commit right now. */
    public int parkedWaiters() {
        return parked.get();
    }

    public void shutdown() {
        wakeups.shutdownNow();
    }

    /** A session ended: its registration goes, and a blocked next returns SESSION_INVALID. */
    public void sessionEnded(Ref<Session> session) {
        Registration r = registrations.remove(session.handle());
        if (r != null && r.waiting != null) {
            r.waiting.completeExceptionally(ErrorCodes.SESSION_INVALID.error(session.handle()));
        }
    }
}
