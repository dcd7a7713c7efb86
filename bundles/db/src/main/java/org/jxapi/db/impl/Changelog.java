package org.jxapi.db.impl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.db.Change;

/**
 * The recent history of changes: a ring of (generation, table, object, kind) entries appended
 * under the writer lock, in generation order. A reader asking "what changed after g" walks back
 * from the newest entry to g, so its cost follows the number of changes, not the number of rows.
 * Deletions live only here: once the ring overwrites them, {@link #horizon()} moves past them
 * and older readers are told their history is incomplete.
 */
final class Changelog {
    private final int mask;
    private final long[] gens;
    private final int[] tables;
    private final String[] handles;
    private final String[] uuids;
    private final long[] created;
    private final byte[] kinds;
    /** Entries appended so far; slot = count & mask. */
    private volatile long count;
    /** Changes at or before this generation may be missing from the ring. */
    private volatile long horizon;

    Changelog(int capacity, long startGeneration) {
        int cap = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
        mask = cap - 1;
        gens = new long[cap];
        tables = new int[cap];
        handles = new String[cap];
        uuids = new String[cap];
        created = new long[cap];
        kinds = new byte[cap];
        horizon = startGeneration;
    }

    long horizon() {
        return horizon;
    }

    /** Called under the writer lock only. */
    void append(long gen, Collection<ChangeEntry> entries) {
        long c = count;
        for (ChangeEntry e : entries) {
            int slot = (int) (c & mask);
            if (c > mask) {
                // Overwriting: everything up to this entry's generation may now be incomplete.
                long lost = gens[slot];
                if (lost > horizon) {
                    horizon = lost;
                }
            }
            gens[slot] = gen;
            tables[slot] = e.table;
            handles[slot] = e.handle;
            uuids[slot] = e.uuid;
            created[slot] = e.created;
            kinds[slot] = (byte) e.kind.ordinal();
            c++;
        }
        count = c;
    }

    /** Forgets everything, e.g. after a restore replaced the whole content. */
    void reset(long generation) {
        horizon = generation;
    }

    /** One coalesced entry per object. */
    record Entry(int table, String handle, String uuid, long created, long generation, Change.Kind kind) { }

    /**
     * The objects changed in (since, upTo], newest state per object, or null when the ring no
     * longer covers {@code since}. {@code tableFilter} (by table id) may be null for all.
     */
    Map<String, Entry> collect(long since, long upTo, boolean[] tableFilter) {
        if (since < horizon) {
            return null;
        }
        long end = count;
        long start = Math.max(0, end - (mask + 1));
        // Walk back to the first entry after 'since'.
        long first = end;
        while (first > start && gens[(int) ((first - 1) & mask)] > since) {
            first--;
        }
        LinkedHashMap<String, Entry> out = new LinkedHashMap<>();
        for (long i = first; i < end; i++) {
            int slot = (int) (i & mask);
            long g = gens[slot];
            if (g <= since || g > upTo) {
                continue;
            }
            int t = tables[slot];
            if (tableFilter != null && !tableFilter[t]) {
                continue;
            }
            String h = handles[slot];
            out.remove(h);
            out.put(h, new Entry(t, h, uuids[slot], created[slot], g, Change.Kind.values()[kinds[slot]]));
        }
        // A writer that lapped us while we read may have mixed newer entries in: then we cannot trust it.
        if (since < horizon) {
            return null;
        }
        return out;
    }
}
