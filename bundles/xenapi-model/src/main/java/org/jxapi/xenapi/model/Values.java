package org.jxapi.xenapi.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Immutable, insertion-ordered collections for record fields, and the value conversions that
 * generated code and codecs share. XenAPI sets and maps keep the order clients sent them in.
 */
public final class Values {
    private static final Set<Object> EMPTY_SET = new FrozenSet<>(new LinkedHashSet<>());
    private static final Map<Object, Object> EMPTY_MAP = new FrozenMap<>(new LinkedHashMap<>());
    private static final DateTimeFormatter WIRE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss'Z'");

    private Values() {
    }

    @SuppressWarnings("unchecked")
    public static <E> Set<E> emptySet() {
        return (Set<E>) EMPTY_SET;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> emptyMap() {
        return (Map<K, V>) EMPTY_MAP;
    }

    @SafeVarargs
    public static <E> Set<E> setOf(E... items) {
        LinkedHashSet<E> s = new LinkedHashSet<>(items.length * 2);
        Collections.addAll(s, items);
        return new FrozenSet<>(s);
    }

    /** Alternating keys and values. */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> mapOf(Object... kv) {
        LinkedHashMap<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((K) kv[i], (V) kv[i + 1]);
        }
        return new FrozenMap<>(m);
    }

    /** An immutable copy keeping iteration order; free when the argument is already one. */
    public static <E> Set<E> copySet(Collection<? extends E> s) {
        if (s == null || s.isEmpty()) {
            return emptySet();
        }
        if (s instanceof FrozenSet<?>) {
            @SuppressWarnings("unchecked")
            Set<E> same = (Set<E>) s;
            return same;
        }
        return new FrozenSet<>(new LinkedHashSet<>(s));
    }

    public static <K, V> Map<K, V> copyMap(Map<? extends K, ? extends V> m) {
        if (m == null || m.isEmpty()) {
            return emptyMap();
        }
        if (m instanceof FrozenMap<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<K, V> same = (Map<K, V>) m;
            return same;
        }
        return new FrozenMap<>(new LinkedHashMap<>(m));
    }

    /** Wraps a set that nobody else holds; the caller must not change it afterwards. */
    public static <E> Set<E> adoptSet(LinkedHashSet<E> s) {
        return s.isEmpty() ? emptySet() : new FrozenSet<>(s);
    }

    /** Wraps a map that nobody else holds; the caller must not change it afterwards. */
    public static <K, V> Map<K, V> adoptMap(LinkedHashMap<K, V> m) {
        return m.isEmpty() ? emptyMap() : new FrozenMap<>(m);
    }

    public static long asLong(Object o) {
        return o == null ? 0L : ((Number) o).longValue();
    }

    public static double asDouble(Object o) {
        return o == null ? 0.0 : ((Number) o).doubleValue();
    }

    public static boolean asBool(Object o) {
        return o != null && (Boolean) o;
    }

    /** The wire form of a datetime: {@code 20240131T23:59:59Z}, always UTC, whole seconds. */
    public static String formatDateTime(Instant t) {
        return WIRE_DATE.format(LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC));
    }

    /**
     * Parses the datetimes clients send: {@code 20240131T23:59:59Z}, the same without the zone
     * (taken as UTC), and ISO-8601 with dashes. Returns null when the text is none of those.
     */
    public static Instant parseDateTime(String s) {
        String t = s.trim();
        try {
            if (t.length() >= 17 && t.charAt(8) == 'T' && t.indexOf('-') < 0) {
                String base = t.substring(0, 17);
                LocalDateTime ldt = LocalDateTime.parse(base, DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss"));
                String zone = t.substring(17);
                if (zone.isEmpty() || zone.equals("Z")) {
                    return ldt.toInstant(ZoneOffset.UTC);
                }
                if (zone.startsWith(".")) {
                    int z = zone.indexOf('Z');
                    if (z == zone.length() - 1 || z < 0) {
                        return ldt.toInstant(ZoneOffset.UTC);
                    }
                }
                return ldt.toInstant(ZoneOffset.of(zone));
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static final class FrozenSet<E> extends AbstractSet<E> {
        private final LinkedHashSet<E> s;

        FrozenSet(LinkedHashSet<E> s) {
            this.s = s;
        }

        @Override
        public Iterator<E> iterator() {
            return Collections.unmodifiableSet(s).iterator();
        }

        @Override
        public int size() {
            return s.size();
        }

        @Override
        public boolean contains(Object o) {
            return s.contains(o);
        }
    }

    private static final class FrozenMap<K, V> extends AbstractMap<K, V> {
        private final LinkedHashMap<K, V> m;

        FrozenMap(LinkedHashMap<K, V> m) {
            this.m = m;
        }

        @Override
        public Set<Entry<K, V>> entrySet() {
            return Collections.unmodifiableMap(m).entrySet();
        }

        @Override
        public V get(Object key) {
            return m.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return m.containsKey(key);
        }

        @Override
        public int size() {
            return m.size();
        }
    }
}
