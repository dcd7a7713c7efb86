package org.jxapi.xenops.api;

/** A console of a running VM: RFB (VNC) or VT100 text, on a TCP port or a Unix socket path. */
public record Console(Protocol protocol, int port, String path) {
    public enum Protocol { RFB, VT100 }

    public Console {
        path = path == null ? "" : path;
    }
}
