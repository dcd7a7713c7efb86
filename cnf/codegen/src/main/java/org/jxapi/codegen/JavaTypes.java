package org.jxapi.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.codegen.TypeExpr.*;

/**
 * How model types appear in generated Java: the declared type, the runtime descriptor, and
 * the literal for a default value.
 */
final class JavaTypes {
    static final String MODEL = "org.jxapi.xenapi.model";
    static final String TYPES = MODEL + ".types";

    private final Map<String, String> classJavaNames;
    private final Map<String, String> enumJavaNames;
    private final Map<String, List<String>> enumValues;

    JavaTypes(Map<String, String> classJavaNames, Map<String, String> enumJavaNames,
              Map<String, List<String>> enumValues) {
        this.classJavaNames = classJavaNames;
        this.enumJavaNames = enumJavaNames;
        this.enumValues = enumValues;
    }

    String className(String modelName) {
        String n = classJavaNames.get(modelName);
        if (n == null) {
            throw new IllegalArgumentException("unknown class " + modelName);
        }
        return n;
    }

    String enumName(String modelName) {
        String n = enumJavaNames.get(modelName);
        if (n == null) {
            throw new IllegalArgumentException("unknown enum " + modelName);
        }
        return n;
    }

    /** The Java type; primitives unless {@code boxed}. Fully qualified for types outside java.lang. */
    String java(TypeExpr t, boolean boxed) {
        if (t instanceof Prim p) {
            return switch (p) {
                case STRING -> "String";
                case INT -> boxed ? "Long" : "long";
                case FLOAT -> boxed ? "Double" : "double";
                case BOOL -> boxed ? "Boolean" : "boolean";
                case DATETIME -> "java.time.Instant";
                case VOID -> boxed ? "Void" : "void";
            };
        }
        if (t instanceof Special s) {
            return s == Special.ANY_RECORD ? MODEL + ".XenApiRecord" : MODEL + ".EventBatch";
        }
        if (t instanceof RefT r) {
            return MODEL + ".Ref<" + TYPES + "." + className(r.className()) + ">";
        }
        if (t instanceof RecordT r) {
            return TYPES + "." + className(r.className());
        }
        if (t instanceof EnumT e) {
            return TYPES + "." + enumName(e.name());
        }
        if (t instanceof SetT s) {
            return "java.util.Set<" + java(s.element(), true) + ">";
        }
        if (t instanceof OptionT o) {
            return "java.util.Optional<" + java(o.element(), true) + ">";
        }
        MapT m = (MapT) t;
        return "java.util.Map<" + java(m.key(), true) + ", " + java(m.value(), true) + ">";
    }

    /** Code that builds the runtime {@code XenApiType} descriptor. */
    String descriptor(TypeExpr t) {
        String xt = MODEL + ".XenApiType";
        if (t instanceof Prim p) {
            return xt + ".Primitive." + p.name();
        }
        if (t instanceof Special s) {
            return xt + ".Special." + s.name();
        }
        if (t instanceof RefT r) {
            return xt + ".ref(" + Names.quote(r.className()) + ")";
        }
        if (t instanceof RecordT r) {
            return xt + ".record(" + Names.quote(r.className()) + ")";
        }
        if (t instanceof EnumT e) {
            return TYPES + "." + enumName(e.name()) + ".TYPE";
        }
        if (t instanceof SetT s) {
            return xt + ".set(" + descriptor(s.element()) + ")";
        }
        if (t instanceof OptionT o) {
            return xt + ".option(" + descriptor(o.element()) + ")";
        }
        MapT m = (MapT) t;
        return xt + ".map(" + descriptor(m.key()) + ", " + descriptor(m.value()) + ")";
    }

    /** The value a field takes when the model gives no default. */
    String zero(TypeExpr t) {
        if (t instanceof Prim p) {
            return switch (p) {
                case STRING -> "\"\"";
                case INT -> "0L";
                case FLOAT -> "0.0";
                case BOOL -> "false";
                case DATETIME -> "java.time.Instant.EPOCH";
                case VOID -> "null";
            };
        }
        if (t instanceof RefT) {
            return MODEL + ".Ref.nullRef()";
        }
        if (t instanceof EnumT e) {
            return TYPES + "." + enumName(e.name()) + "." + Names.constant(enumValues.get(e.name()).get(0));
        }
        if (t instanceof SetT) {
            return MODEL + ".Values.emptySet()";
        }
        if (t instanceof MapT) {
            return MODEL + ".Values.emptyMap()";
        }
        if (t instanceof OptionT) {
            return "java.util.Optional.empty()";
        }
        return "null";
    }

    /** The model's default literal ({@code "{}"}, {@code "OpaqueRef:NULL"}, {@code "\"\""}) as Java. */
    String literal(TypeExpr t, String lit) {
        String s = lit.trim();
        if (t instanceof Prim p) {
            return switch (p) {
                case STRING -> Names.quote(unquote(s));
                case INT -> Long.parseLong(s) + "L";
                case FLOAT -> Double.parseDouble(s.endsWith(".") ? s + "0" : s) + "";
                case BOOL -> Boolean.toString(Boolean.parseBoolean(s));
                case DATETIME -> MODEL + ".Values.parseDateTime(" + Names.quote(s) + ")";
                case VOID -> "null";
            };
        }
        if (t instanceof RefT) {
            return s.equals("Null") || s.equals("OpaqueRef:NULL") ? MODEL + ".Ref.nullRef()"
                    : MODEL + ".Ref.of(" + Names.quote(s) + ")";
        }
        if (t instanceof EnumT e) {
            String value = unquote(s);
            if (!enumValues.get(e.name()).contains(value)) {
                throw new IllegalArgumentException("default " + s + " is not a value of enum " + e.name());
            }
            return TYPES + "." + enumName(e.name()) + "." + Names.constant(value);
        }
        if (t instanceof SetT set) {
            List<String> items = splitBraces(s);
            if (items.isEmpty()) {
                return MODEL + ".Values.emptySet()";
            }
            List<String> code = new ArrayList<>();
            for (String item : items) {
                code.add(literal(set.element(), item));
            }
            return MODEL + ".Values.setOf(" + String.join(", ", code) + ")";
        }
        if (t instanceof MapT map) {
            List<String> items = splitBraces(s);
            if (items.isEmpty()) {
                return MODEL + ".Values.emptyMap()";
            }
            List<String> code = new ArrayList<>();
            for (String item : items) {
                int arrow = item.indexOf("->");
                code.add(literal(map.key(), item.substring(0, arrow)));
                code.add(literal(map.value(), item.substring(arrow + 2)));
            }
            return MODEL + ".Values.mapOf(" + String.join(", ", code) + ")";
        }
        throw new IllegalArgumentException("no default literal for " + t);
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return t;
    }

    /** "{a, b}" to [a, b], respecting quoted strings. */
    private static List<String> splitBraces(String s) {
        String inner = s.trim();
        if (!inner.startsWith("{") || !inner.endsWith("}")) {
            throw new IllegalArgumentException("bad collection literal " + s);
        }
        inner = inner.substring(1, inner.length() - 1).trim();
        List<String> out = new ArrayList<>();
        if (inner.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
