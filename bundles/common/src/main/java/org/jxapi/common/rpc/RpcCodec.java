package org.jxapi.common.rpc;

import java.lang.reflect.Type;

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
}
