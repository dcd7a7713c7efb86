package org.jxapi.api.impl.dispatch;

/**
 * Where a call came from: the peer address (for login throttling and logs), and whether it
 * arrived on the local Unix socket, where logging in needs no password.
 */
public record Origin(String remoteAddress, boolean local) {
    public static final Origin IN_PROCESS = new Origin("in-process", true);
}
