package org.jxapi.xapi.network.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.types.BondMode;

/**
 * The properties a bond mode takes, with their defaults and valid values, as the original's
 * {@code requirements_of_mode}: only lacp has any. Keys a mode does not know pass unchecked.
 */
final class BondProperties {
    private record Requirement(String key, String defaultValue, Predicate<String> valid) {
    }

    private BondProperties() {
    }

    private static List<Requirement> of(BondMode mode) {
        if (mode != BondMode.LACP) {
            return List.of();
        }
        return List.of(new Requirement("hashing_algorithm", "tcpudp_ports", v -> v.equals("src_mac") || v.equals("tcpudp_ports")),
                new Requirement("lacp-time", "slow", v -> v.equals("fast") || v.equals("slow")),
                new Requirement("lacp-aggregation-key", null, v -> v.matches("-?\\d+")),
                new Requirement("lacp-fallback-ab", "true", v -> v.equals("true") || v.equals("false")));
    }

    /** INVALID_VALUE [properties, key] when a known key has a value the mode does not take. */
    static void validate(BondMode mode, String key, String value) {
        for (Requirement r : of(mode)) {
            if (r.key.equals(key) && !r.valid.test(value)) {
                throw ErrorCodes.INVALID_VALUE.error("properties", key);
            }
        }
    }

    static boolean valid(BondMode mode, String key, String value) {
        for (Requirement r : of(mode)) {
            if (r.key.equals(key)) {
                return r.valid.test(value);
            }
        }
        return true;
    }

    /** The given properties, checked, with the mode's defaults for the keys not given. */
    static Map<String, String> withDefaults(BondMode mode, Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            validate(mode, e.getKey(), e.getValue());
            out.put(e.getKey(), e.getValue());
        }
        for (Requirement r : of(mode)) {
            if (r.defaultValue != null) {
                out.putIfAbsent(r.key, r.defaultValue);
            }
        }
        return out;
    }

    /** For set_mode: the current properties the new mode takes, plus its defaults. */
    static Map<String, String> forNewMode(BondMode mode, Map<String, String> current) {
        Map<String, String> kept = new LinkedHashMap<>();
        current.forEach((k, v) -> {
            if (valid(mode, k, v)) {
                kept.put(k, v);
            }
        });
        return withDefaults(mode, kept);
    }
}
