package org.jxapi.xenops.api;

/** A VBD's state: {@code active} (meant to be used by the VM) and {@code plugged} (connected). */
public record VbdState(boolean active, boolean plugged, IoniceQos qosTarget, Disk backendPresent) {
    public static VbdState unplugged() {
        return new VbdState(false, false, null, null);
    }
}
