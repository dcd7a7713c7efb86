package org.jxapi.common.rpc;

/**
 * How an API's errors cross the socket: each API keeps its own error type and codes, and the
 * transport only moves them. Server side, a failure becomes an {@link RpcError} whose data the
 * codec writes; client side, a response's error becomes the exception the API's callers expect.
 */
public interface RpcErrors {
    /**
     * The error for a request the transport itself refuses: {@code code} is one of
     * {@link RpcError#PARSE_ERROR}, {@link RpcError#INVALID_REQUEST}, {@link RpcError#METHOD_NOT_FOUND}
     * (then {@code detail} is the method name) or {@link RpcError#INVALID_PARAMS}; keep the code.
     */
    RpcError refused(int code, String detail);

    /** The error for an exception the implementation threw (an unexpected one is the hook's to log). */
    RpcError failed(RuntimeException e);

    /** Client side: the exception for an error response; {@code error.data()} is plain, or null. */
    RuntimeException exception(RpcError error);

    /** Client side: the exception for a call whose calling thread was interrupted while it waited. */
    RuntimeException interrupted(String method);
}
