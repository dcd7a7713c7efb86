package org.jxapi.storage.mux.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jxapi.storage.api.QueryResult;
import org.jxapi.storage.spi.Capability;
import org.jxapi.storage.spi.ConfigKey;
import org.jxapi.storage.spi.DriverInfo;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.propertytypes.SrType;

/**
 * The SR drivers present, by SR type. Several services may claim one type; the one with the
 * highest service ranking (then the oldest) serves it, and the next takes over when it leaves.
 */
final class DriverRegistry {

    /** One registered driver service. */
    record Entry(SrDriver driver, String type, int ranking, long serviceId, DriverInfo info, QueryResult query) {
    }

    /** How the serving driver of one type changed: either side may be null. */
    record Change(String type, Entry before, Entry after) {
        boolean changed() {
            return before != after;
        }
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);
    private final Map<String, List<Entry>> byType = new HashMap<>();
    private long nextLocalId = Long.MAX_VALUE / 2;

    static String typeOf(Map<String, ?> props) {
        Object t = props.get(SrType.PROPERTY);
        return t == null ? null : t.toString();
    }

    synchronized Change add(SrDriver driver, Map<String, ?> props) {
        String type = typeOf(props);
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("SR driver without " + SrType.PROPERTY + ": " + driver);
        }
        int ranking = props.get("service.ranking") instanceof Integer r ? r : 0;
        long id = props.get("service.id") instanceof Long l ? l : nextLocalId++;
        DriverInfo info = driver.info();
        Entry e = new Entry(driver, type, ranking, id, info, query(type, info));
        List<Entry> list = byType.computeIfAbsent(type, k -> new ArrayList<>());
        Entry before = list.isEmpty() ? null : list.get(0);
        list.add(e);
        list.sort(ORDER);
        return new Change(type, before, list.get(0));
    }

    synchronized Change remove(SrDriver driver, Map<String, ?> props) {
        String type = typeOf(props);
        List<Entry> list = byType.get(type);
        if (list == null) {
            return new Change(type, null, null);
        }
        Entry before = list.get(0);
        list.removeIf(e -> e.driver() == driver);
        Entry after = list.isEmpty() ? null : list.get(0);
        if (list.isEmpty()) {
            byType.remove(type);
        }
        return new Change(type, before, after);
    }

    synchronized Optional<Entry> active(String type) {
        List<Entry> list = byType.get(type);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    synchronized List<Entry> actives() {
        List<Entry> all = new ArrayList<>();
        new TreeMap<>(byType).values().forEach(l -> all.add(l.get(0)));
        return all;
    }

    static QueryResult query(String type, DriverInfo info) {
        List<String> features = new ArrayList<>();
        info.capabilities().stream().sorted().map(Capability::feature).forEach(features::add);
        features.addAll(info.extraFeatures());
        Map<String, String> configuration = new TreeMap<>();
        for (ConfigKey k : info.configuration()) {
            configuration.put(k.key(), k.description());
        }
        return new QueryResult(type, info.name(), info.description(), info.vendor(), info.copyright(),
                info.version(), info.requiredApiVersion(), features, configuration, List.of(), info.smapiVersion());
    }
}
