package org.jxapi.xenapi.model;

/** Who may write a field: anyone (RW), only its constructor, or only the server at run time. */
public enum Qualifier {
    RW("RW"), RO_CONSTRUCTOR("RO/constructor"), RO_RUNTIME("RO/runtime");

    private final String wireName;

    Qualifier(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Qualifier fromWire(String s) {
        for (Qualifier q : values()) {
            if (q.wireName.equals(s)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown qualifier " + s);
    }
}
