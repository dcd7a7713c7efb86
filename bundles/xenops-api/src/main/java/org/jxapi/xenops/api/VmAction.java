package org.jxapi.xenops.api;

/** What to do when a domain asks for attention (on_crash, on_shutdown, on_reboot, on_softreboot). */
public enum VmAction {
    COREDUMP("Coredump"), SHUTDOWN("Shutdown"), START("Start"), PAUSE("Pause"), SOFTREBOOT("Softreboot");

    private final String wireName;

    VmAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static VmAction ofWireName(String s) {
        for (VmAction a : values()) {
            if (a.wireName.equals(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action " + s);
    }
}
