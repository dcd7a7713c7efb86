package org.jxapi.extensions.impl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Services registered under a name property; when several share a name, the highest service
 * ranking wins, then the oldest, as OSGi orders services.
 */
final class Named<S> {
    private record Entry<S>(String name, S service, int ranking, long id) {
    }

    private final String property;
    private final List<Entry<S>> entries = new CopyOnWriteArrayList<>();

    Named(String property) {
        this.property = property;
    }

    void add(S service, Map<String, Object> properties) {
        Object name = properties.get(property);
        if (name == null) {
            return;
        }
        int ranking = properties.get("service.ranking") instanceof Integer i ? i : 0;
        long id = properties.get("service.id") instanceof Long l ? l : 0L;
        entries.add(new Entry<>(name.toString(), service, ranking, id));
    }

    void remove(S service) {
        entries.removeIf(e -> e.service() == service);
    }

    S get(String name) {
        Entry<S> best = null;
        for (Entry<S> e : entries) {
            if (e.name().equals(name) && (best == null || e.ranking() > best.ranking()
                    || (e.ranking() == best.ranking() && e.id() < best.id()))) {
                best = e;
            }
        }
        return best == null ? null : best.service();
    }
}
