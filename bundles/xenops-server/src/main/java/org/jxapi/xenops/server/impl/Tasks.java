package org.jxapi.xenops.server.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jxapi.xenops.api.XenopsException;

/**
 * The live tasks of one instance, by id. Tasks are kept in memory only: a restart loses them
 * together with the queues and threads they stood for. Test triggers (cancel or pause at cancel
 * point n) are one-shot and apply to the next task created with the given debug string.
 */
final class Tasks {
    private final Map<String, TaskHandle> tasks = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final Consumer<TaskHandle> signal;
    private String cancelTriggerDbg;
    private int cancelTriggerAt;
    private String pauseTriggerDbg;
    private int pauseTriggerAt;

    Tasks(Consumer<TaskHandle> signal) {
        this.signal = signal;
    }

    TaskHandle add(String dbg) {
        int cancelAt = 0;
        int pauseAt = 0;
        synchronized (this) {
            if (cancelTriggerDbg != null && cancelTriggerDbg.equals(dbg)) {
                cancelAt = cancelTriggerAt;
                cancelTriggerDbg = null;
            }
            if (pauseTriggerDbg != null && pauseTriggerDbg.equals(dbg)) {
                pauseAt = pauseTriggerAt;
                pauseTriggerDbg = null;
            }
        }
        TaskHandle t = new TaskHandle(this, Long.toString(next.getAndIncrement()), dbg, cancelAt, pauseAt);
        tasks.put(t.id(), t);
        return t;
    }

    TaskHandle get(String id) {
        TaskHandle t = tasks.get(id);
        if (t == null) {
            throw XenopsException.doesNotExist("task", id);
        }
        return t;
    }

    boolean exists(String id) {
        return tasks.containsKey(id);
    }

    /** Forgets a task; a worker still running it carries on. */
    void remove(String id) {
        tasks.remove(id);
    }

    List<TaskHandle> list() {
        List<TaskHandle> l = new ArrayList<>(tasks.values());
        l.sort(Comparator.comparingLong(t -> Long.parseLong(t.id())));
        return l;
    }

    synchronized void setCancelTrigger(String dbg, int point) {
        cancelTriggerDbg = dbg;
        cancelTriggerAt = point;
    }

    synchronized void setPauseTrigger(String dbg, int point) {
        pauseTriggerDbg = dbg;
        pauseTriggerAt = point;
    }

    synchronized void clearTriggers() {
        cancelTriggerDbg = null;
        pauseTriggerDbg = null;
    }

    /** Progress of a task nobody can look up (a clean-up run inline) is not worth an update. */
    void signalTask(TaskHandle t) {
        if (tasks.containsKey(t.id())) {
            signal.accept(t);
        }
    }
}
