package org.jxapi.api.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.osgi.service.component.ComponentServiceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Providers that DS binds to {@link XenApiCore}, got on the next call rather than at bind time.
 * Getting a provider's service object at bind time can deadlock: DS binds them while it activates
 * XenApiCore, and a provider may itself need a service of XenApiCore (the extensions' pool and host
 * messages need its {@code CallContexts}), which is not there until that activation ends; SCR then
 * gives up after its lock timeout and the provider fails ("Unable to get service for reference").
 * A call only comes once XenApiCore is up, so resolving on it breaks the cycle.
 */
final class LazyBindings {
    private static final Logger LOG = LoggerFactory.getLogger(LazyBindings.class);

    private record Pending(ComponentServiceObjects<?> objects, Consumer<Object> add, Consumer<Object> remove) { }

    private record Bound(ComponentServiceObjects<?> objects, Object service, Consumer<Object> remove) { }

    /** Held while pending bindings are resolved, so that a concurrent call waits for them. */
    private final ReentrantLock resolving = new ReentrantLock();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Bound> bound = new HashMap<>();
    private volatile boolean dirty;

    /**
     * A provider arrived on reference {@code reference}: {@code add} is given its service object before
     * the next call is served. One service can come on several references (ExtensionHost is both a
     * HostApi and a MethodFallback), hence the reference in the key.
     */
    synchronized void bind(String reference, long serviceId, ComponentServiceObjects<?> objects, Consumer<Object> add,
            Consumer<Object> remove) {
        pending.put(reference + "/" + serviceId, new Pending(objects, add, remove));
        dirty = true;
    }

    /** A provider left: {@code remove} is given its service object if it was resolved, then it is released. */
    void unbind(String reference, long serviceId) {
        String key = reference + "/" + serviceId;
        Bound b;
        synchronized (this) {
            if (pending.remove(key) != null) {
                return;
            }
            b = bound.remove(key);
        }
        if (b != null) {
            b.remove().accept(b.service());
            release(b.objects(), b.service());
        }
    }

    /** Resolves what arrived since the last call; cheap when nothing did. */
    void resolve() {
        if (!dirty) {
            return;
        }
        // Re-entrant: a provider created here that calls back into the XenAPI finds nothing pending.
        resolving.lock();
        try {
            List<Map.Entry<String, Pending>> todo;
            synchronized (this) {
                todo = new ArrayList<>(pending.entrySet());
                pending.clear();
                dirty = false;
            }
            for (Map.Entry<String, Pending> e : todo) {
                Pending p = e.getValue();
                Object service;
                try {
                    service = p.objects().getService();
                } catch (RuntimeException ex) {
                    LOG.warn("service {} could not be got; its messages stay unserved", e.getKey(), ex);
                    continue;
                }
                if (service == null) {
                    LOG.warn("service {} went away before it was used", e.getKey());
                    continue;
                }
                synchronized (this) {
                    bound.put(e.getKey(), new Bound(p.objects(), service, p.remove()));
                }
                p.add().accept(service);
            }
        } finally {
            resolving.unlock();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void release(ComponentServiceObjects objects, Object service) {
        try {
            objects.ungetService(service);
        } catch (RuntimeException e) {
            // The provider's bundle is already stopping: nothing left to release.
        }
    }
}
