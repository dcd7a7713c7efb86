package org.jxapi.networkd.ovs.impl;

/** ovs-vsctl's value syntax: strings with ':' '=' ',' or spaces must be double-quoted, with \ and " escaped. */
final class VsctlSyntax {
    private VsctlSyntax() {
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** {@code column:key=value}, both sides quoted, for a map column. */
    static String mapEntry(String column, String key, String value) {
        return column + ":" + quote(key) + "=" + quote(value);
    }
}
