package org.jxapi.xenops.api;

/** A VM's power state as xenops reports it. */
public enum PowerState {
    RUNNING("Running"), HALTED("Halted"), SUSPENDED("Suspended"), PAUSED("Paused");

    private final String wireName;

    PowerState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static PowerState ofWireName(String s) {
        for (PowerState p : values()) {
            if (p.wireName.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown power state " + s);
    }
}
