package org.jxapi.xenops.spi;

/** What a device asks for. */
public enum DeviceActionRequest {
    NEEDS_UNPLUG, NEEDS_SET_QOS
}
