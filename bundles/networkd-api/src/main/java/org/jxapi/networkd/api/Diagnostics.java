package org.jxapi.networkd.api;

/**
 * What an instance says about itself: its backend and kind, how many changes the start-up replay of
 * {@code networkd.db} applied (0 when the system already matched) and how many the last make_config
 * applied. jxapi's addition, for administrators and for tests of idempotency.
 */
public record Diagnostics(String backend, Kind kind, int startupChanges, int lastMakeConfigChanges) {
}
