package org.jxapi.api.impl.event;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Change;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Model;

/**
 * What a watcher asked for: {@code *}, whole classes ({@code vm}, any case) and single objects
 * ({@code vm/OpaqueRef:...}). Anything else is {@code EVENT_SUBSCRIPTION_PARSE_FAILURE}.
 */
final class Subscription {
    final boolean all;
    final Set<String> classes = new LinkedHashSet<>();
    final Map<String, Set<String>> objects = new HashMap<>();

    private Subscription(boolean all) {
        this.all = all;
    }

    static Subscription parse(Set<String> subscriptions) {
        boolean all = subscriptions.contains("*");
        Subscription s = new Subscription(all);
        for (String sub : subscriptions) {
            if (sub.equals("*")) {
                continue;
            }
            int slash = sub.indexOf('/');
            String cls = slash < 0 ? sub : sub.substring(0, slash);
            ClassMeta meta = Model.clazzIgnoreCase(cls);
            if (meta == null || !meta.isPersistent()) {
                throw ErrorCodes.EVENT_SUBSCRIPTION_PARSE_FAILURE.error(sub);
            }
            if (slash < 0) {
                s.classes.add(meta.name());
            } else {
                s.objects.computeIfAbsent(meta.name(), k -> new HashSet<>()).add(sub.substring(slash + 1));
            }
        }
        return s;
    }

    /** The model names of the tables to look at, or null for all. */
    Set<String> tables() {
        if (all) {
            return null;
        }
        Set<String> t = new HashSet<>(classes);
        t.addAll(objects.keySet());
        return t;
    }

    boolean matches(Change c) {
        if (all || classes.contains(c.className())) {
            return true;
        }
        Set<String> refs = objects.get(c.className());
        return refs != null && refs.contains(c.ref().handle());
    }

    /** The classes whose row counts go into valid_ref_counts (lower case, as the original reports them). */
    Set<String> countedClasses() {
        Set<String> out = new LinkedHashSet<>();
        if (all) {
            for (ClassMeta c : Model.classes()) {
                if (c.isPersistent()) {
                    out.add(c.name());
                }
            }
        } else {
            out.addAll(classes);
            out.addAll(objects.keySet());
        }
        return out;
    }

    static String lower(String className) {
        return className.toLowerCase(Locale.ROOT);
    }
}
