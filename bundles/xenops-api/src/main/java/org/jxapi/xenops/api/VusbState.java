package org.jxapi.xenops.api;

/** Whether a USB device is plugged into its VM. */
public record VusbState(boolean plugged) {
    public static VusbState unplugged() {
        return new VusbState(false);
    }
}
