package org.jxapi.api.impl.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jxapi.db.Row;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.wire.TypedEncoder;

/**
 * The query language of {@code get_all_records_where}: {@code field "name_label"="web"},
 * combined with {@code and}, {@code or}, {@code not} and parentheses; {@code true} and
 * {@code false}. A field compares by its string form, as the original's database does.
 */
public final class WhereExpression {
    private final String text;
    private final List<String> tokens = new ArrayList<>();
    private int pos;
    private final ClassMeta meta;

    private WhereExpression(String text, ClassMeta meta) {
        this.text = text;
        this.meta = meta;
    }

    public static Predicate<Row> parse(String expr, ClassMeta meta) {
        WhereExpression w = new WhereExpression(expr, meta);
        w.tokenize();
        Predicate<Row> p = w.or();
        if (w.pos != w.tokens.size()) {
            throw w.error();
        }
        return p;
    }

    private RuntimeException error() {
        return ErrorCodes.INVALID_VALUE.error("expr", text);
    }

    private void tokenize() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '=') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder("\"");
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    sb.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    throw error();
                }
                i++;
                tokens.add(sb.toString());
            } else {
                int start = i;
                while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    throw error();
                }
                tokens.add(text.substring(start, i).toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw error();
        }
        return tokens.get(pos++);
    }

    private Predicate<Row> or() {
        Predicate<Row> left = and();
        while (peek().equals("or")) {
            pos++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Row> and() {
        Predicate<Row> left = unary();
        while (peek().equals("and")) {
            pos++;
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Row> unary() {
        String t = next();
        switch (t) {
            case "not":
                return unary().negate();
            case "true":
                return r -> true;
            case "false":
                return r -> false;
            case "(": {
                Predicate<Row> p = or();
                if (!next().equals(")")) {
                    throw error();
                }
                return p;
            }
            case "field": {
                String name = literal(next());
                if (!next().equals("=")) {
                    throw error();
                }
                String value = literal(next());
                FieldMeta f = meta.field(name);
                if (f == null) {
                    throw error();
                }
                int i = f.index();
                return r -> value.equals(stringOf(r.get(i)));
            }
            default:
                throw error();
        }
    }

    private String literal(String token) {
        if (!token.startsWith("\"")) {
            throw error();
        }
        return token.substring(1);
    }

    private static String stringOf(Object v) {
        return TypedEncoder.keyString(v);
    }
}
