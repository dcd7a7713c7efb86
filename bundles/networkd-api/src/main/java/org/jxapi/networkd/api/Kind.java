package org.jxapi.networkd.api;

/** The kind of switch a backend drives: the original's {@code kind} (Openvswitch | Bridge). */
public enum Kind {
    OPENVSWITCH("openvswitch"), BRIDGE("bridge");

    private final String wireName;

    Kind(String wireName) {
        this.wireName = wireName;
    }

    /** As in {@code network.conf} and on the wire. */
    public String wireName() {
        return wireName;
    }
}
