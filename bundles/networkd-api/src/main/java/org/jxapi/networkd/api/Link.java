package org.jxapi.networkd.api;

/**
 * An interface's link as {@code PIF_metrics} shows it: carrier, speed in Mbit/s (0 when unknown) and
 * duplex ({@code full}, {@code half} or {@code unknown}).
 */
public record Link(boolean carrier, long speedMbit, String duplex) {
}
