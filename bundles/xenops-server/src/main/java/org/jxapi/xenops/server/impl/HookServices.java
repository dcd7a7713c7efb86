package org.jxapi.xenops.server.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jxapi.xenops.hooks.LifecycleHook;

/** The hook services registered now, with the points and name their service properties give. */
final class HookServices {
    record Registered(LifecycleHook hook, String name, List<String> points, long serviceId) {
        boolean wants(String point) {
            return points.contains("*") || points.contains(point);
        }
    }

    private final List<Registered> registered = new CopyOnWriteArrayList<>();

    void add(LifecycleHook hook, Map<String, ?> properties) {
        Object id = properties.get("service.id");
        Object name = properties.get(LifecycleHook.NAME);
        registered.add(new Registered(hook, name == null ? null : name.toString(), points(properties.get(LifecycleHook.POINTS)),
                id instanceof Long l ? l : 0L));
    }

    void remove(LifecycleHook hook) {
        registered.removeIf(r -> r.hook() == hook);
    }

    List<Registered> at(String point) {
        List<Registered> out = new ArrayList<>();
        for (Registered r : registered) {
            if (r.wants(point)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<String> points(Object p) {
        if (p instanceof String s) {
            return List.of(s.trim());
        }
        if (p instanceof String[] a) {
            return List.of(a).stream().map(String::trim).toList();
        }
        if (p instanceof java.util.Collection<?> c) {
            return c.stream().map(o -> o.toString().trim()).toList();
        }
        return List.of();
    }
}
