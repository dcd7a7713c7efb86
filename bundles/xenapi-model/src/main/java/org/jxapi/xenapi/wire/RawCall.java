package org.jxapi.xenapi.wire;

import java.util.List;

/**
 * A parsed call before typing: the method name and the parameters as raw values (String, Long,
 * Double, Boolean, Instant, byte[], List, Map with String keys, or null). {@code id} and
 * {@code jsonRpcVersion} are set for JSON-RPC only.
 */
public record RawCall(String method, List<Object> params, Object id, String jsonRpcVersion) {
    public RawCall {
        params = params == null ? List.of() : params;
    }
}
