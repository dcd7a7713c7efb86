package org.jxapi.sm.smapiv3.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values of parsed SMAPIv3 answers loosely, as rpclib encodes options and variants in
 * more than one way. The JSON itself is Jackson's (org.jxapi.sm.support.Json); this only
 * coerces the plain values it gives.
 */
final class Loose {
    private Loose() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v) {
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    static List<Object> list(Object v) {
        return v instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    /** A string, also when rpclib wrapped an option as {@code [x]}; "" for null or missing. */
    static String str(Object v) {
        if (v instanceof List<?> l) {
            return l.isEmpty() ? "" : str(l.get(0));
        }
        return v == null ? "" : v.toString();
    }

    static long num(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? 0 : Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean bool(Object v) {
        return v instanceof Boolean b ? b : "true".equals(String.valueOf(v));
    }

    /** A string map, from a JSON object or from a list of [key, value] pairs. */
    static Map<String, String> strings(Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> out.put(k.toString(), str(x)));
        } else if (v instanceof List<?> l) {
            for (Object pair : l) {
                List<Object> p = list(pair);
                if (p.size() == 2) {
                    out.put(str(p.get(0)), str(p.get(1)));
                }
            }
        }
        return out;
    }

    static List<String> stringList(Object v) {
        List<String> out = new ArrayList<>();
        for (Object o : list(v)) {
            out.add(str(o));
        }
        return out;
    }
}
