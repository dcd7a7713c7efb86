package org.jxapi.xenops.server.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.jxapi.xenops.api.Barrier;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Updates;

/**
 * The change feed behind {@code UPDATES.get}. Each id keeps only the event number of its latest
 * change, so a client that comes back with an old token gets every id changed since, once, and
 * loses nothing; a removed object drops out. Barriers snapshot the changes of one VM's objects.
 * Waiting clients block on a condition; nothing polls.
 */
final class UpdateRecorder {
    private record BarrierSnapshot(int id, Map<DynamicId, Integer> ids, int eventId) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<DynamicId, Integer> latest = new HashMap<>();
    private final TreeMap<Integer, DynamicId> byEvent = new TreeMap<>();
    private final List<BarrierSnapshot> barriers = new ArrayList<>(); // newest first
    private int next = 1;

    void add(DynamicId id) {
        lock.lock();
        try {
            Integer old = latest.put(id, next);
            if (old != null) {
                byEvent.remove(old);
            }
            byEvent.put(next, id);
            next++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void remove(DynamicId id) {
        lock.lock();
        try {
            Integer old = latest.remove(id);
            if (old != null) {
                byEvent.remove(old);
            }
            next++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void injectBarrier(int barrierId, Predicate<DynamicId> filter) {
        lock.lock();
        try {
            Map<DynamicId, Integer> snap = new LinkedHashMap<>();
            for (Map.Entry<Integer, DynamicId> e : byEvent.entrySet()) {
                if (filter.test(e.getValue())) {
                    snap.put(e.getValue(), e.getKey());
                }
            }
            barriers.add(0, new BarrierSnapshot(barrierId, snap, next));
            next++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void removeBarrier(int barrierId) {
        lock.lock();
        try {
            barriers.removeIf(b -> b.id() == barrierId);
            next++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int lastId() {
        lock.lock();
        try {
            return next - 1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What changed after {@code from} (null: everything), waiting up to {@code timeoutSeconds}
     * (null: without limit) for something to change; an empty answer means the wait ran out.
     */
    Updates get(Integer from, Integer timeoutSeconds) throws InterruptedException {
        int since = from == null ? 0 : from;
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, timeoutSeconds));
        lock.lock();
        try {
            while (true) {
                Updates u = collect(since);
                if (!u.ids().isEmpty() || !u.barriers().isEmpty()) {
                    return u;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return u;
                }
                if (timeoutSeconds == null) {
                    changed.await();
                } else {
                    changed.awaitNanos(left);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Updates collect(int since) {
        List<DynamicId> ids = new ArrayList<>(byEvent.tailMap(since, false).values());
        int last = byEvent.isEmpty() ? since : Math.max(since, byEvent.lastKey());
        List<Barrier> out = new ArrayList<>();
        // Barriers are kept newest first; the ones newer than the token come out oldest first.
        for (BarrierSnapshot b : barriers) {
            if (b.eventId() <= since) {
                break;
            }
            List<DynamicId> bids = new ArrayList<>();
            b.ids().entrySet().stream().filter(e -> e.getValue() > since)
                    .sorted(Map.Entry.comparingByValue()).forEach(e -> bids.add(e.getKey()));
            out.add(0, new Barrier(b.id(), bids));
            last = Math.max(last, b.eventId());
        }
        return new Updates(out, ids, last);
    }

    /** For diagnostics: every id with its event number, and the barriers. */
    Map<String, Object> dump() {
        lock.lock();
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> ups = new ArrayList<>();
            byEvent.forEach((n, id) -> ups.add(List.of(n, id.toString())));
            m.put("updates", ups);
            List<Object> bs = new ArrayList<>();
            for (BarrierSnapshot b : barriers) {
                bs.add(List.of(b.id(), b.eventId(), b.ids().size()));
            }
            m.put("barriers", bs);
            m.put("next", next);
            return m;
        } finally {
            lock.unlock();
        }
    }
}
