package org.jxapi.codegen;

import java.util.Locale;
import java.util.Set;

/** Java spellings of model names. */
final class Names {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "record", "var", "yield", "sealed", "permits");
    /** Names a record component may not take: they clash with methods every record has. */
    private static final Set<String> RECORD_RESERVED = Set.of("hashCode", "toString", "equals", "getClass",
            "notify", "notifyAll", "wait", "clone", "finalize", "meta", "get", "toArray", "toBuilder");

    private Names() { }

    /** VM_guest_metrics becomes VmGuestMetrics; host_cpu becomes HostCpu. */
    static String type(String modelName) {
        StringBuilder sb = new StringBuilder();
        for (String part : modelName.split("[_\\-]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    /** name_label becomes nameLabel; VCPUs_at_startup becomes vcpusAtStartup. */
    static String member(String modelName) {
        String[] parts = modelName.split("[_\\-]+");
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            String lower = part.toLowerCase(Locale.ROOT);
            if (sb.length() == 0) {
                sb.append(lower);
            } else {
                sb.append(Character.toUpperCase(lower.charAt(0))).append(lower.substring(1));
            }
        }
        String s = sb.toString();
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            s = "_" + s;
        }
        return KEYWORDS.contains(s) ? s + "_" : s;
    }

    /** A record component name: like {@link #member} but never a method every record already has. */
    static String component(String modelName) {
        String s = member(modelName);
        return RECORD_RESERVED.contains(s) ? s + "_" : s;
    }

    /** Enum constant: Halted becomes HALTED, balance-slb becomes BALANCE_SLB, pciPassthrough PCI_PASSTHROUGH. */
    static String constant(String wire) {
        StringBuilder sb = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (Character.isUpperCase(c) && Character.isLowerCase(prev)) {
                    sb.append('_');
                }
                sb.append(Character.toUpperCase(c));
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
            }
            prev = c;
        }
        String s = sb.toString();
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s = "_" + s;
        }
        return s;
    }

    /** A Java string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
