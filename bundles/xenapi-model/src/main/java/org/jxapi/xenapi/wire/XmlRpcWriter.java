package org.jxapi.xenapi.wire;

import java.time.Instant;

import org.jxapi.xenapi.model.Values;

/**
 * Writes XML-RPC values into a StringBuilder. Strings go out untyped ({@code <value>s</value>},
 * which XML-RPC defines as a string), ints as decimal strings as the XenAPI requires, datetimes
 * as {@code <dateTime.iso8601>20240131T23:59:59Z</dateTime.iso8601>}.
 */
public final class XmlRpcWriter implements WireWriter {
    private final StringBuilder sb;
    /** Per open struct: whether a member has been started and not yet closed. */
    private boolean[] memberOpen = new boolean[16];
    private int depth;

    public XmlRpcWriter(StringBuilder sb) {
        this.sb = sb;
    }

    @Override
    public void string(String s) {
        sb.append("<value>");
        escape(sb, s);
        sb.append("</value>");
    }

    @Override
    public void int64(long v) {
        sb.append("<value><string>").append(v).append("</string></value>");
    }

    @Override
    public void float64(double v) {
        sb.append("<value><double>").append(v).append("</double></value>");
    }

    @Override
    public void bool(boolean v) {
        sb.append(v ? "<value><boolean>1</boolean></value>" : "<value><boolean>0</boolean></value>");
    }

    @Override
    public void dateTime(Instant t) {
        sb.append("<value><dateTime.iso8601>").append(Values.formatDateTime(t)).append("</dateTime.iso8601></value>");
    }

    @Override
    public void startArray(int size) {
        sb.append("<value><array><data>");
    }

    @Override
    public void endArray() {
        sb.append("</data></array></value>");
    }

    @Override
    public void startStruct(int size) {
        sb.append("<value><struct>");
        if (depth == memberOpen.length) {
            memberOpen = java.util.Arrays.copyOf(memberOpen, depth * 2);
        }
        memberOpen[depth++] = false;
    }

    @Override
    public void member(String name) {
        if (memberOpen[depth - 1]) {
            sb.append("</member>");
        }
        memberOpen[depth - 1] = true;
        sb.append("<member><name>");
        escape(sb, name);
        sb.append("</name>");
    }

    @Override
    public void endStruct() {
        if (memberOpen[--depth]) {
            sb.append("</member>");
        }
        sb.append("</struct></value>");
    }

    /**
     * Escapes text for XML 1.0. Characters XML 1.0 cannot carry at all (most C0 controls, lone
     * surrogates) become U+FFFD; carriage returns become a character reference so that XML
     * line-end normalisation does not eat them.
     */
    public static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\r' -> sb.append("&#13;");
                case '\t', '\n' -> sb.append(c);
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append('\uFFFD');
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
