package org.jxapi.xenapi.wire;

/**
 * A request body that is not a well-formed call at all (bad XML or JSON, no method name, no
 * params). The original answers these with HTTP 500, not with a XenAPI error envelope.
 */
public class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message, null, true, false);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause, true, false);
    }
}
