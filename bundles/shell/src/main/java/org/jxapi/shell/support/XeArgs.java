package org.jxapi.shell.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.support.CommandException;

/**
 * The {@code key=value} arguments of an xe command, in the order given. A command takes the
 * keys it knows; what is left selects objects (field filters) or is an error.
 */
public final class XeArgs {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final java.util.Set<String> flags = new java.util.LinkedHashSet<>();

    private XeArgs() {
    }

    public static XeArgs parse(List<String> args) throws CommandException {
        XeArgs a = new XeArgs();
        if (args == null) {
            return a;
        }
        for (String arg : args) {
            if (arg.startsWith("--") && arg.indexOf('=') < 0) {
                // xe takes flags anywhere (vm-list power-state=running --minimal); Karaf only before arguments.
                a.flags.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw XeErrors.error("Error: invalid argument '" + arg + "' (parameters are given as key=value)");
            }
            a.values.put(arg.substring(0, eq), unquote(arg.substring(eq + 1)));
        }
        return a;
    }

    /** A value typed as {@code key="two words"} may reach us with its quotes. */
    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** The {@code --flags} given among the arguments. */
    public java.util.Set<String> flags() {
        return flags;
    }

    public Optional<String> take(String key) {
        return Optional.ofNullable(values.remove(key));
    }

    public String require(String key) throws CommandException {
        String v = values.remove(key);
        if (v == null) {
            throw XeErrors.error("Error: required parameter not found: " + key);
        }
        return v;
    }

    /** Takes every {@code prefix:key=value} argument (e.g. {@code device-config:path=/srv}) as a map. */
    public Map<String, String> takePrefixed(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(prefix + ":")) {
                out.put(e.getKey().substring(prefix.length() + 1), e.getValue());
                return true;
            }
            return false;
        });
        return out;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** What no one took yet, in the order given. */
    public Map<String, String> rest() {
        return new LinkedHashMap<>(values);
    }

    public void clear() {
        values.clear();
    }

    /** Fails when arguments are left that the command does not understand. */
    public void requireEmpty() throws CommandException {
        if (!values.isEmpty()) {
            String keys = String.join(", ", values.keySet());
            throw XeErrors.error("Error: unknown parameters: " + keys);
        }
    }
}
