package org.jxapi.xenops.simulator.impl;

import java.util.List;
import java.util.function.Predicate;

import org.jxapi.xenops.api.DynamicId;

/**
 * What every part of the simulated hypervisor (VMs, VBDs, VIFs, ...) shares: the one lock over
 * the domain table, and how a changed domain is stored and announced.
 */
abstract class SimulatedPart {
    protected final Hypervisor hv;
    protected final DomainTable table;

    SimulatedPart(Hypervisor hv) {
        this.hv = hv;
        this.table = hv.table();
    }

    protected <T> T locked(Hypervisor.Body<T> body) {
        return hv.locked(body);
    }

    protected void locked(Runnable body) {
        hv.locked(body);
    }

    /** The domain of {@code uuid}; {@code Does_not_exist} when there is none. Call with the lock held. */
    protected Domain domain(String uuid) {
        return hv.domain(uuid);
    }

    /** Stores a changed domain and wakes waiters. Call with the lock held. */
    protected void save(Domain d) {
        hv.save(d);
    }

    /** Tells every subscriber; call without the lock, as a subscriber may call back. */
    protected void publish(DynamicId id) {
        hv.publish(id);
    }

    protected static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    protected static <T> T find(List<T> list, Predicate<T> p) {
        for (T t : list) {
            if (p.test(t)) {
                return t;
            }
        }
        return null;
    }
}
