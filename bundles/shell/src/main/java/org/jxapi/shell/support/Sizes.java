package org.jxapi.shell.support;

import java.util.Locale;

import org.apache.karaf.shell.support.CommandException;

/** Sizes as xe takes them: bytes, or a number with KiB, MiB, GiB, TiB (also K, M, G, T). */
public final class Sizes {
    private Sizes() {
    }

    public static long parse(String text, String name) throws CommandException {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"TIB", "T"}, {"GIB", "G"}, {"MIB", "M"}, {"KIB", "K"}}) {
            for (String suffix : u) {
                if (t.endsWith(suffix)) {
                    unit = switch (u[1]) {
                        case "T" -> 1L << 40;
                        case "G" -> 1L << 30;
                        case "M" -> 1L << 20;
                        default -> 1L << 10;
                    };
                    t = t.substring(0, t.length() - suffix.length()).trim();
                    break;
                }
            }
            if (unit != 1) {
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw XeErrors.error("Error: '" + text + "' is not a size (" + name + "): give bytes or e.g. 10GiB");
        }
    }
}
