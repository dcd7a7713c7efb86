package org.jxapi.sm.smapiv3.impl;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.xenapi.wire.JsonWire;

/**
 * The JSON the SMAPIv3 plugins speak: requests are written compactly on one line (so that shell
 * plugins can pick fields with sed), answers are parsed with the model's JSON codec. Helpers
 * read values loosely, as rpclib encodes options and variants in more than one way.
 */
final class JsonText {
    private JsonText() {
    }

    static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, e.getKey().toString());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, l.get(i));
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    static Object read(String text) {
        return JsonWire.parseValue(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
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
