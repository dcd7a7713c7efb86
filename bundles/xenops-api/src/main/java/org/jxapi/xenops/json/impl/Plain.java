package org.jxapi.xenops.json.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Readers for plain JSON values (Map, List, String, Number, Boolean, null) that fail with a
 * message naming what was expected, and writers for the original's variant and option shapes.
 */
final class Plain {
    private Plain() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw bad(what, "an object", v);
    }

    @SuppressWarnings("unchecked")
    static List<Object> arr(Object v, String what) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw bad(what, "an array", v);
    }

    static String str(Object v, String what) {
        if (v instanceof String s) {
            return s;
        }
        throw bad(what, "a string", v);
    }

    static boolean bool(Object v, String what) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(what, "a boolean", v);
    }

    static long lng(Object v, String what) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw bad(what, "an integer", v);
            }
        }
        throw bad(what, "an integer", v);
    }

    static int intg(Object v, String what) {
        return (int) lng(v, what);
    }

    static double dbl(Object v, String what) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw bad(what, "a number", v);
    }

    // Record fields: absent fields take the original's defaults.

    static String str(Map<String, Object> m, String key, String dflt) {
        Object v = m.get(key);
        return v == null ? dflt : str(v, key);
    }

    static boolean bool(Map<String, Object> m, String key, boolean dflt) {
        Object v = m.get(key);
        return v == null ? dflt : bool(v, key);
    }

    static long lng(Map<String, Object> m, String key, long dflt) {
        Object v = m.get(key);
        return v == null ? dflt : lng(v, key);
    }

    static int intg(Map<String, Object> m, String key, int dflt) {
        Object v = m.get(key);
        return v == null ? dflt : intg(v, key);
    }

    static double dbl(Map<String, Object> m, String key, double dflt) {
        Object v = m.get(key);
        return v == null ? dflt : dbl(v, key);
    }

    static Object req(Map<String, Object> m, String key, String what) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(what + ": field " + key + " missing");
        }
        return v;
    }

    /** A record field of option type: absent or null is None; {@code [x]} and a bare x are Some x. */
    static Object optField(Map<String, Object> m, String key) {
        return unwrapOption(m.get(key));
    }

    /** An option outside a record: {@code []}, {@code [x]}, null or a bare x. */
    static Object unwrapOption(Object v) {
        if (v instanceof List<?> l && l.size() <= 1) {
            return l.isEmpty() ? null : l.get(0);
        }
        return v;
    }

    static Map<String, String> strMap(Object v, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> l) {
            for (Object pair : l) {
                List<Object> p = arr(pair, what);
                out.put(str(p.get(0), what), str(p.get(1), what));
            }
            return out;
        }
        obj(v, what).forEach((k, x) -> out.put(k, x instanceof String s ? s : String.valueOf(x)));
        return out;
    }

    static List<String> strList(Object v, String what) {
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : arr(v, what)) {
            out.add(str(o, what));
        }
        return out;
    }

    static <T> List<T> list(Object v, String what, Function<Object, T> f) {
        if (v == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (Object o : arr(v, what)) {
            out.add(f.apply(o));
        }
        return out;
    }

    /** The tag of a variant: {@code "Tag"} or {@code ["Tag", contents]}. */
    static String tag(Object v, String what) {
        if (v instanceof String s) {
            return s;
        }
        List<Object> l = arr(v, what);
        if (l.isEmpty()) {
            throw bad(what, "a variant", v);
        }
        return str(l.get(0), what);
    }

    /** The contents of a variant; null for a tag without arguments. */
    static Object contents(Object v) {
        if (v instanceof List<?> l && l.size() > 1) {
            return l.get(1);
        }
        return null;
    }

    static Object variant(String tag, Object contents) {
        return contents == null ? tag : list(tag, contents);
    }

    static List<Object> list(Object... xs) {
        List<Object> l = new ArrayList<>(xs.length);
        for (Object x : xs) {
            l.add(x);
        }
        return l;
    }

    static Map<String, Object> record() {
        return new LinkedHashMap<>();
    }

    /** Puts an option field the original's way: omitted when None. */
    static void putOpt(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }

    static IllegalArgumentException bad(String what, String expected, Object got) {
        String g = got == null ? "null" : got.getClass().getSimpleName() + " " + abbreviate(String.valueOf(got));
        return new IllegalArgumentException(what + ": expected " + expected + ", got " + g);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
