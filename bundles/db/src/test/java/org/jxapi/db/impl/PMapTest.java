package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PMapTest {

    /** Random puts and removes agree with a HashMap, and older versions never change. */
    @Test
    void behavesLikeAHashMapAndKeepsOldVersionsIntact() {
        Random rnd = new Random(42);
        PMap<Integer> map = PMap.empty();
        Map<String, Integer> ref = new HashMap<>();
        List<PMap<Integer>> versions = new ArrayList<>();
        List<Map<String, Integer>> expected = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            // Few distinct keys so removes hit; "Aa" and "BB" share a hashCode, exercising collisions.
            String key = rnd.nextInt(10) == 0 ? (rnd.nextBoolean() ? "Aa" : "BB") : "k" + rnd.nextInt(3000);
            if (rnd.nextInt(3) == 0) {
                map = map.remove(key);
                ref.remove(key);
            } else {
                int v = rnd.nextInt();
                map = map.put(key, v);
                ref.put(key, v);
            }
            if (step % 2000 == 0) {
                versions.add(map);
                expected.add(new HashMap<>(ref));
            }
        }
        check(map, ref);
        for (int i = 0; i < versions.size(); i++) {
            check(versions.get(i), expected.get(i));
        }
    }

    /**
     * Database-sized: 200,000 reference handles, half removed again in random order, then many
     * strings sharing one hashCode (built from "Aa"/"BB" blocks) so that collision nodes sit at
     * the bottom of the trie and fold back up as they empty.
     */
    @Test
    void databaseSizedMapsAndDeepCollisions() {
        Random rnd = new Random(11);
        PMap<Integer> map = PMap.empty();
        Map<String, Integer> ref = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String k = "OpaqueRef:" + new java.util.UUID(rnd.nextLong(), rnd.nextLong());
            keys.add(k);
            map = map.put(k, i);
            ref.put(k, i);
        }
        java.util.Collections.shuffle(keys, rnd);
        for (int i = 0; i < 100_000; i++) {
            map = map.remove(keys.get(i));
            ref.remove(keys.get(i));
        }
        check(map, ref);
        List<String> colliding = new ArrayList<>();
        for (int bits = 0; bits < 1 << 10; bits++) {
            StringBuilder sb = new StringBuilder("OpaqueRef:");
            for (int b = 0; b < 10; b++) {
                sb.append((bits & (1 << b)) != 0 ? "Aa" : "BB");
            }
            colliding.add(sb.toString());
        }
        for (int round = 0; round < 3; round++) {
            java.util.Collections.shuffle(colliding, rnd);
            for (String k : colliding) {
                map = map.put(k, round);
                ref.put(k, round);
            }
            check(map, ref);
            java.util.Collections.shuffle(colliding, rnd);
            for (String k : colliding.subList(0, colliding.size() - 1)) {
                map = map.remove(k);
                ref.remove(k);
            }
            check(map, ref);
        }
    }

    private static void check(PMap<Integer> map, Map<String, Integer> ref) {
        assertEquals(ref.size(), map.size());
        for (Map.Entry<String, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()), e.getKey());
        }
        Map<String, Integer> seen = new HashMap<>();
        map.forEach(seen::put);
        assertEquals(ref, seen);
        Set<Integer> values = new HashSet<>();
        for (Integer v : map) {
            values.add(v);
        }
        assertEquals(new HashSet<>(ref.values()), values);
    }

    @Test
    void unchangedUpdatesReturnTheSameMap() {
        PMap<String> m = PMap.<String>empty().put("a", "x");
        assertSame(m, m.put("a", "x"));
        assertSame(m, m.remove("missing"));
        assertNull(m.remove("a").get("a"));
    }
}
