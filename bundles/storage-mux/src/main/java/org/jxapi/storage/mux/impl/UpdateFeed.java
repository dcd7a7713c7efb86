package org.jxapi.storage.mux.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jxapi.storage.api.DynamicId;
import org.jxapi.storage.api.Updates;
import org.jxapi.xenapi.model.ErrorCodes;

/**
 * The UPDATES feed: every change bumps a generation; a reader passes the generation it has seen
 * and gets each thing changed since, once, however often it changed. When the feed is full the
 * oldest entries are dropped and a reader that far behind is told "everything changed" by a
 * token reset ({@code next} smaller than what it passed is never returned).
 */
final class UpdateFeed {
    private final int capacity;
    private final TreeMap<Long, DynamicId> byGeneration = new TreeMap<>();
    private final Map<DynamicId, Long> generationOf = new HashMap<>();
    private long generation;
    private long oldestDropped;

    UpdateFeed(int capacity) {
        this.capacity = Math.max(16, capacity);
    }

    synchronized void publish(DynamicId id) {
        generation++;
        Long old = generationOf.put(id, generation);
        if (old != null) {
            byGeneration.remove(old);
        }
        byGeneration.put(generation, id);
        while (byGeneration.size() > capacity) {
            Map.Entry<Long, DynamicId> e = byGeneration.pollFirstEntry();
            generationOf.remove(e.getValue());
            oldestDropped = e.getKey();
        }
        notifyAll();
    }

    synchronized Updates get(String from, int timeoutSeconds) {
        long since = parse(from);
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (generation <= since) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long start = since < oldestDropped ? 0 : since;
        List<DynamicId> ids = new ArrayList<>(byGeneration.tailMap(start, false).values());
        return new Updates(ids, Long.toString(generation));
    }

    private static long parse(String from) {
        if (from == null || from.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(from);
        } catch (NumberFormatException e) {
            throw ErrorCodes.INVALID_VALUE.error("from", from);
        }
    }
}
