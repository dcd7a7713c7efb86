package org.jxapi.storage.api;

/** The state of a VDI as seen by one datapath, and the superstate over all of them. */
public enum VdiState {
    DETACHED,
    ATTACHED_RO,
    ATTACHED_RW,
    ACTIVATED_RO,
    ACTIVATED_RW;

    public boolean attached() {
        return this != DETACHED;
    }

    public boolean activated() {
        return this == ACTIVATED_RO || this == ACTIVATED_RW;
    }

    public boolean readWrite() {
        return this == ATTACHED_RW || this == ACTIVATED_RW;
    }

    /** The original's wording: "detached", "attached RW", "activated RO"... */
    public String label() {
        return switch (this) {
            case DETACHED -> "detached";
            case ATTACHED_RO -> "attached RO";
            case ATTACHED_RW -> "attached RW";
            case ACTIVATED_RO -> "activated RO";
            case ACTIVATED_RW -> "activated RW";
        };
    }
}
