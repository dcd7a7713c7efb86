package org.jxapi.api.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Services of one kind in the framework's order: highest {@code service.ranking} first, then the
 * oldest (lowest {@code service.id}). Bound and unbound by DS; read on every undeclared call,
 * so readers get a ready, immutable list without locking.
 */
final class RankedServices<S> {
    private record Entry<S>(S service, int ranking, long id) { }

    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingInt(e -> -e.ranking())
            .thenComparingLong(Entry::id);

    private final List<Entry<S>> entries = new ArrayList<>();
    private volatile List<S> ordered = List.of();

    synchronized void add(S service, int ranking, long id) {
        entries.add(new Entry<>(service, ranking, id));
        publish();
    }

    synchronized void remove(S service) {
        entries.removeIf(e -> e.service() == service);
        publish();
    }

    List<S> inOrder() {
        return ordered;
    }

    private void publish() {
        entries.sort(ORDER);
        ordered = entries.stream().map(Entry::service).toList();
    }
}
