package org.jxapi.xenops.server.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue per tag (a VM id), at most one worker per queue, and a pool of workers whose size
 * can change while running. A queue with work and no worker waits in a ready list; a worker takes
 * one item from the oldest ready queue and puts the queue back at the end, so busy VMs take turns.
 *
 * @param <W> a work item
 */
final class WorkerPool<W> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    /** A work item with its queue tag and how to describe it. */
    interface Item {
        String tag();

        String describe();
    }

    private final String name;
    private final Consumer<W> runner;
    private final java.util.function.Function<W, Item> view;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Map<String, ArrayDeque<W>> queues = new HashMap<>();
    private final ArrayDeque<String> runnable = new ArrayDeque<>();
    private final Set<String> busy = new HashSet<>();
    private final Map<Thread, String> working = new LinkedHashMap<>();
    private int target;
    private int live;
    private int threadNumber;
    private boolean stopped;

    WorkerPool(String name, int size, Consumer<W> runner, java.util.function.Function<W, Item> view) {
        this.name = name;
        this.runner = runner;
        this.view = view;
        setSize(size);
    }

    /**
     * Queues an item. When {@code duplicate} says an item already waiting in that queue makes this
     * one pointless, the item is not queued and false is returned.
     */
    boolean push(W item, Predicate<W> duplicate) {
        String tag = view.apply(item).tag();
        lock.lock();
        try {
            ArrayDeque<W> q = queues.computeIfAbsent(tag, k -> new ArrayDeque<>());
            if (duplicate != null && q.stream().anyMatch(duplicate)) {
                return false;
            }
            q.addLast(item);
            if (q.size() == 1 && !busy.contains(tag)) {
                runnable.addLast(tag);
                ready.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    void setSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("worker pool size must be at least 1, not " + size);
        }
        lock.lock();
        try {
            target = size;
            while (live < target && !stopped) {
                live++;
                Thread t = new Thread(this::work, name + "-worker-" + (++threadNumber));
                t.setDaemon(true);
                t.start();
            }
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return target;
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopped = true;
            target = 0;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            W item;
            String tag;
            lock.lock();
            try {
                while (true) {
                    if (live > target) {
                        live--;
                        return;
                    }
                    tag = runnable.pollFirst();
                    if (tag != null) {
                        break;
                    }
                    ready.awaitUninterruptibly();
                }
                busy.add(tag);
                item = queues.get(tag).pollFirst();
                working.put(Thread.currentThread(), view.apply(item).describe());
            } finally {
                lock.unlock();
            }
            try {
                runner.accept(item);
            } catch (RuntimeException | Error e) {
                LOG.error("{}: work item on queue {} failed", name, tag, e);
            } finally {
                lock.lock();
                try {
                    working.remove(Thread.currentThread());
                    busy.remove(tag);
                    ArrayDeque<W> q = queues.get(tag);
                    if (q.isEmpty()) {
                        queues.remove(tag);
                    } else {
                        runnable.addLast(tag);
                        ready.signal();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** For diagnostics: the pool's size, what each worker does, and what waits in each queue. */
    Map<String, Object> dump() {
        lock.lock();
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("size", target);
            m.put("workers", live);
            List<Object> w = new ArrayList<>();
            working.forEach((t, d) -> w.add(Map.of("thread", t.getName(), "item", d)));
            m.put("working", w);
            Map<String, Object> qs = new LinkedHashMap<>();
            queues.forEach((tag, q) -> {
                List<Object> items = new ArrayList<>();
                q.forEach(i -> items.add(view.apply(i).describe()));
                qs.put(tag, items);
            });
            m.put("queues", qs);
            return m;
        } finally {
            lock.unlock();
        }
    }
}
