package org.jxapi.db.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.XenApiType;

/**
 * Derives the paired reference fields from the model, which lists fields but not relations.
 * For each set of references {@code A.f : B ref set}, the partner is the field of B that
 * refers back to A, chosen by the rules the original's names follow: the only candidate; a
 * field named after A ({@code VBD.VM}); {@code X_of} naming its partner ({@code PIF.tunnel_access_PIF_of}
 * and {@code tunnel.access_PIF}); a shared first word ({@code host.resident_VMs} and
 * {@code VM.resident_on}). Two pairs the names cannot reveal are stated as facts.
 */
final class Relations {
    /** Pairs of the original whose names follow no rule: set field, then its partner. */
    private static final Map<String, String> STATED = Map.of(
            "VM.children", "VM.parent",
            "PIF.VLAN_slave_of", "VLAN.tagged_PIF");

    private Relations() {
    }

    static List<Relation> derive(List<ClassMeta> tables) {
        Map<String, ClassMeta> byName = new HashMap<>();
        for (ClassMeta c : tables) {
            byName.put(c.name(), c);
        }
        // Best partner of every reference set.
        Map<String, String> best = new HashMap<>();
        Map<String, Integer> score = new HashMap<>();
        for (ClassMeta a : tables) {
            for (FieldMeta f : a.fields()) {
                String b = refSetTarget(f);
                if (b == null || !byName.containsKey(b)) {
                    continue;
                }
                String key = a.name() + "." + f.name();
                if (STATED.containsKey(key)) {
                    best.put(key, STATED.get(key));
                    score.put(key, 1000);
                    continue;
                }
                List<FieldMeta> candidates = new ArrayList<>();
                for (FieldMeta g : byName.get(b).fields()) {
                    if (a.name().equals(b) && g.name().equals(f.name())) {
                        continue;
                    }
                    if (a.name().equals(refTarget(g)) || a.name().equals(refSetTarget(g))) {
                        candidates.add(g);
                    }
                }
                int top = 0;
                String winner = null;
                boolean tie = false;
                for (FieldMeta g : candidates) {
                    int s = score(a.name(), f.name(), g.name(), candidates.size());
                    if (s > top) {
                        top = s;
                        winner = g.name();
                        tie = false;
                    } else if (s == top && s > 0) {
                        tie = true;
                    }
                }
                if (winner != null && !tie) {
                    best.put(key, b + "." + winner);
                    score.put(key, top);
                }
            }
        }
        List<Relation> out = new ArrayList<>();
        Map<String, String> claimed = new HashMap<>();
        for (ClassMeta a : tables) {
            for (FieldMeta f : a.fields()) {
                String key = a.name() + "." + f.name();
                String partner = best.get(key);
                if (partner == null) {
                    continue;
                }
                int dot = partner.indexOf('.');
                String b = partner.substring(0, dot);
                FieldMeta g = byName.get(b).field(partner.substring(dot + 1));
                boolean m2m = refSetTarget(g) != null;
                if (m2m) {
                    // Both sides are sets: they must choose each other, and each pair is listed once.
                    if (!key.equals(best.get(partner)) || key.compareTo(partner) > 0) {
                        continue;
                    }
                } else {
                    // A single reference backs at most one set: the best-scoring one.
                    String other = claimed.get(partner);
                    if (other != null && score.get(other) >= score.get(key)) {
                        continue;
                    }
                    if (other != null) {
                        out.removeIf(r -> (r.oneClass() + "." + r.setField()).equals(other));
                    }
                    claimed.put(partner, key);
                }
                out.add(new Relation(a.name(), f.name(), b, g.name(), m2m));
            }
        }
        return out;
    }

    private static int score(String aClass, String setField, String candidate, int candidates) {
        String c = candidate.toLowerCase(Locale.ROOT);
        String cls = aClass.toLowerCase(Locale.ROOT);
        String set = setField.toLowerCase(Locale.ROOT);
        int s = 0;
        // Named after the class it points into: VBD.VM, PVS_server.site, pool_update <- host.updates.
        String lastWord = cls.substring(cls.lastIndexOf('_') + 1);
        if (c.equals(cls) || cls.endsWith("_" + c) || stem(c).equals(lastWord)) {
            s = Math.max(s, 50);
        }
        if (set.endsWith(c + "_of")) {
            s = Math.max(s, 40);
        }
        String setStem = stem(firstWord(set));
        String candStem = stem(firstWord(c));
        if (!setStem.isEmpty() && setStem.equals(candStem)) {
            s = Math.max(s, 30);
        }
        if (setStem.length() > 3 && c.contains(setStem)) {
            s = Math.max(s, 20);
        }
        if (candidates == 1) {
            s = Math.max(s, 10);
        }
        return s;
    }

    private static String firstWord(String s) {
        int u = s.indexOf('_');
        return u < 0 ? s : s.substring(0, u);
    }

    private static String stem(String w) {
        return w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w;
    }

    static String refTarget(FieldMeta f) {
        return f.type() instanceof XenApiType.RefOf r ? r.className() : null;
    }

    static String refSetTarget(FieldMeta f) {
        return f.type() instanceof XenApiType.SetOf s && s.element() instanceof XenApiType.RefOf r
                ? r.className() : null;
    }

    /** The fields the database maintains itself and callers may not write. */
    static Set<String> derivedSetFields(List<Relation> relations) {
        Set<String> out = new java.util.HashSet<>();
        for (Relation r : relations) {
            if (!r.manyToMany()) {
                out.add(r.oneClass() + "." + r.setField());
            }
        }
        return out;
    }
}
