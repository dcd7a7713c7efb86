package org.jxapi.common.rpc;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * An API's JSON mapping as the transport needs it. Plain values are Map, List, String, Long, Double,
 * Boolean and null; the codec turns the API's own types into them and back. The transport itself
 * has no JSON library, so each API keeps its one mapping (and its wire shapes) to itself.
 */
public interface RpcCodec {
    /** Parses one JSON text into plain values; malformed input fails with IllegalArgumentException. */
    Object parse(byte[] json);

    /** Writes plain values and API values, in any nesting, as UTF-8 JSON. */
    byte[] write(Object value);

    /** An API value as plain values; {@code name} is the parameter it is sent as, or null for a nested value. */
    Object toPlain(String name, Object value);

    /** Plain values read as {@code type}; values of the wrong shape fail with IllegalArgumentException. */
    Object fromPlain(Object plain, Type type);

    /**
     * One response envelope as the client needs it: its {@code error} as plain values (null when it
     * succeeded), else its {@code result}, read as {@code resultType} if {@code typed}, else plain.
     */
    record Reply(Object result, boolean typed, Object error) {
    }

    /**
     * Reads a response; {@code resultType} is the call's result type, null when it has none. This
     * default parses into plain values, leaving the mapping to the call. A codec over a streaming
     * parser reads the result straight into its type instead: one pass over a large reply (a list of
     * thousands of updates) rather than parsing it into maps and lists and converting those again.
     * Malformed input, or an envelope that is not an object, fails with IllegalArgumentException.
     */
    default Reply readReply(byte[] json, Type resultType) {
        Object parsed = parse(json);
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("response: expected an object, got " + parsed);
        }
        return new Reply(m.get("result"), false, m.get("error"));
    }
}
