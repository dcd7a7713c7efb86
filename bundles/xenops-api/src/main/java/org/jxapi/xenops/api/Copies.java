package org.jxapi.xenops.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep insertion order, which the wire and the metadata files show. */
final class Copies {
    private Copies() {
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    static <T> List<T> list(List<T> l) {
        return l == null || l.isEmpty() ? List.of() : List.copyOf(l);
    }
}
