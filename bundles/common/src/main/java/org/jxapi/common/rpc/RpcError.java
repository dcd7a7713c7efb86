package org.jxapi.common.rpc;

/**
 * A JSON-RPC error: the 2.0 {@code code} and {@code message}, and the API's own error as {@code data}.
 * A 1.0 response carries {@code data} alone as its {@code error}. On the server {@code data} is an
 * API value the codec writes; on the client it is the plain value read from the wire.
 */
public record RpcError(int code, String message, Object data) {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    /** The implementation failed: the API's error is in {@code data}. */
    public static final int SERVER_ERROR = -32000;
}
