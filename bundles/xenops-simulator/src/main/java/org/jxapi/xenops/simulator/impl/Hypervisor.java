package org.jxapi.xenops.simulator.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.UpdateSink;
import org.jxapi.xenops.spi.UpdatesBackend;

/**
 * The simulated hypervisor's shared state: the domain table behind one lock, a condition that
 * wakes waiters whenever a domain changes, and the subscribers told when a guest needs attention
 * (the backend's UPDATES part).
 */
final class Hypervisor implements UpdatesBackend {
    interface Body<T> {
        T run();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final DomainTable table;
    private final List<UpdateSink> sinks = new CopyOnWriteArrayList<>();

    Hypervisor(DomainTable table) {
        this.table = table;
    }

    ReentrantLock lock() {
        return lock;
    }

    Condition changed() {
        return changed;
    }

    DomainTable table() {
        return table;
    }

    @Override
    public void subscribe(UpdateSink sink) {
        sinks.add(sink);
    }

    @Override
    public void unsubscribe(UpdateSink sink) {
        sinks.remove(sink);
    }

    <T> T locked(Body<T> body) {
        lock.lock();
        try {
            return body.run();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    /** The domain of {@code uuid}; {@code Does_not_exist} when there is none. Call with the lock held. */
    Domain domain(String uuid) {
        Domain d = table.get(uuid);
        if (d == null) {
            throw XenopsException.doesNotExist("domain", uuid);
        }
        return d;
    }

    /** Stores a changed domain and wakes waiters. Call with the lock held. */
    void save(Domain d) {
        table.save(d);
        changed.signalAll();
    }

    /** Tells every subscriber; call without the lock, as a subscriber may call back. */
    void publish(DynamicId id) {
        for (UpdateSink s : sinks) {
            s.signal(id);
        }
    }
}
