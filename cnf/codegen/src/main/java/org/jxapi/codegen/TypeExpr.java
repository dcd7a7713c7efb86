package org.jxapi.codegen;

/** A parsed model type, with its Java spelling and the code that builds its runtime descriptor. */
sealed interface TypeExpr {
    enum Prim implements TypeExpr { STRING, INT, FLOAT, BOOL, DATETIME, VOID }

    enum Special implements TypeExpr { ANY_RECORD, EVENT_BATCH }

    record RefT(String className) implements TypeExpr { }

    record RecordT(String className) implements TypeExpr { }

    record EnumT(String name) implements TypeExpr { }

    record SetT(TypeExpr element) implements TypeExpr { }

    record MapT(TypeExpr key, TypeExpr value) implements TypeExpr { }

    record OptionT(TypeExpr element) implements TypeExpr { }

    /** Parses the model's spelling, e.g. {@code "(string -> VM ref) map"}. */
    static TypeExpr parse(String s) {
        String t = s.trim();
        switch (t) {
            case "string": return Prim.STRING;
            case "int": return Prim.INT;
            case "float": return Prim.FLOAT;
            case "bool": return Prim.BOOL;
            case "datetime": return Prim.DATETIME;
            case "void": return Prim.VOID;
            case "<class> record": return Special.ANY_RECORD;
            case "an event batch": return Special.EVENT_BATCH;
            default: break;
        }
        if (t.startsWith("(") && t.endsWith(") map")) {
            String inner = t.substring(1, t.length() - ") map".length());
            int depth = 0;
            for (int i = 0; i < inner.length(); i++) {
                char ch = inner.charAt(i);
                if (ch == '(') {
                    depth++;
                } else if (ch == ')') {
                    depth--;
                } else if (depth == 0 && inner.startsWith(" -> ", i)) {
                    return new MapT(parse(inner.substring(0, i)), parse(inner.substring(i + 4)));
                }
            }
            throw new IllegalArgumentException("bad map type " + s);
        }
        if (t.endsWith(" option")) {
            return new OptionT(parse(t.substring(0, t.length() - 7)));
        }
        if (t.endsWith(" set")) {
            return new SetT(parse(t.substring(0, t.length() - 4)));
        }
        if (t.startsWith("enum ")) {
            return new EnumT(t.substring(5).trim());
        }
        if (t.endsWith(" ref")) {
            return new RefT(t.substring(0, t.length() - 4).trim());
        }
        if (t.endsWith(" record")) {
            return new RecordT(t.substring(0, t.length() - 7).trim());
        }
        throw new IllegalArgumentException("unknown type " + s);
    }
}
