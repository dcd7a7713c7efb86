package org.jxapi.xenops.api;

/** A VIF's state: {@code active} (meant to be used by the VM) and {@code plugged} (connected). */
public record VifState(boolean active, boolean plugged, int kthreadPid, boolean mediaPresent, String device,
        boolean pvsRulesActive) {
    public static VifState unplugged() {
        return new VifState(false, false, 0, false, null, false);
    }
}
