package org.jxapi.shell.support;

import java.util.Locale;

import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;

/** The xe CLI's names: fields are spelt with dashes ({@code name-label}); classes by a short prefix ({@code vm}). */
public final class XeNames {
    private XeNames() {
    }

    public static String field(FieldMeta f) {
        return f.name().replace('_', '-');
    }

    /** The field an xe parameter name means, ignoring case, or null. */
    public static FieldMeta field(ClassMeta c, String xeName) {
        for (FieldMeta f : c.fields()) {
            if (field(f).equalsIgnoreCase(xeName) || f.name().equalsIgnoreCase(xeName)) {
                return f;
            }
        }
        return null;
    }

    /** {@code vm} for VM, {@code sr} for SR: the selector key and command prefix of a class. */
    public static String prefix(String className) {
        return className.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The class a selector key or command prefix means ({@code vm} or {@code vm-uuid}: VM), or null. */
    public static ClassMeta classOf(String prefix) {
        String p = prefix.endsWith("-uuid") ? prefix.substring(0, prefix.length() - 5) : prefix;
        if (p.equals("template") || p.equals("snapshot")) {
            p = "vm";
        }
        for (ClassMeta c : Model.classes()) {
            if (prefix(c.name()).equals(p)) {
                return c;
            }
        }
        return null;
    }
}
