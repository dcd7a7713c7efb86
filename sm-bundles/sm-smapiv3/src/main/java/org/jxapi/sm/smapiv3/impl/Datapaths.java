package org.jxapi.sm.smapiv3.impl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The datapath plugins present, by the URI scheme they serve (their directory's name). */
final class Datapaths {
    /** One datapath plugin: its directory and the features its Plugin.query declared. */
    record Plugin(Path dir, List<String> features) {
        boolean supports(String feature) {
            return features.contains(feature);
        }
    }

    private final Map<String, Plugin> byScheme = new ConcurrentHashMap<>();

    void put(String scheme, Plugin p) {
        byScheme.put(scheme, p);
    }

    void remove(String scheme) {
        byScheme.remove(scheme);
    }

    Plugin get(String scheme) {
        return byScheme.get(scheme);
    }

    java.util.Set<String> schemes() {
        return java.util.Set.copyOf(byScheme.keySet());
    }

    boolean has(String scheme) {
        return byScheme.containsKey(scheme);
    }
}
