package org.jxapi.db.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * The S-expressions the original stores sets and maps in: {@code ('a' 'b')} and
 * {@code (('k' 'v'))}. Strings are single-quoted; backslash, single and double quotes are
 * escaped with a backslash.
 */
final class SExpr {
    private SExpr() {
    }

    static void appendString(StringBuilder sb, String s) {
        sb.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\'' || c == '"') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('\'');
    }

    static String list(List<String> items) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            appendString(sb, items.get(i));
        }
        return sb.append(')').toString();
    }

    static String pairs(List<String[]> pairs) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append('(');
            appendString(sb, pairs.get(i)[0]);
            sb.append(' ');
            appendString(sb, pairs.get(i)[1]);
            sb.append(')');
        }
        return sb.append(')').toString();
    }

    /** Parses a node: a list of strings or of nested lists. Returns String or List. */
    static Object parse(String s) {
        int[] pos = {0};
        Object v = parse(s, pos);
        skipSpace(s, pos);
        if (pos[0] != s.length()) {
            throw new IllegalArgumentException("trailing text in s-expression: " + s);
        }
        return v;
    }

    private static void skipSpace(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static Object parse(String s, int[] pos) {
        skipSpace(s, pos);
        if (pos[0] >= s.length()) {
            throw new IllegalArgumentException("s-expression ends early: " + s);
        }
        char c = s.charAt(pos[0]);
        if (c == '(') {
            pos[0]++;
            List<Object> items = new ArrayList<>();
            while (true) {
                skipSpace(s, pos);
                if (pos[0] >= s.length()) {
                    throw new IllegalArgumentException("unclosed s-expression: " + s);
                }
                if (s.charAt(pos[0]) == ')') {
                    pos[0]++;
                    return items;
                }
                items.add(parse(s, pos));
            }
        }
        if (c == '\'' || c == '"') {
            pos[0]++;
            StringBuilder sb = new StringBuilder();
            while (pos[0] < s.length() && s.charAt(pos[0]) != c) {
                char d = s.charAt(pos[0]++);
                if (d == '\\' && pos[0] < s.length()) {
                    d = s.charAt(pos[0]++);
                }
                sb.append(d);
            }
            if (pos[0] >= s.length()) {
                throw new IllegalArgumentException("unterminated string in s-expression: " + s);
            }
            pos[0]++;
            return sb.toString();
        }
        int start = pos[0];
        while (pos[0] < s.length() && "\"' \t\n()".indexOf(s.charAt(pos[0])) < 0) {
            pos[0]++;
        }
        return s.substring(start, pos[0]);
    }
}
