package org.jxapi.xenops.json;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import org.jxapi.xenops.json.impl.Mapping;

/**
 * JSON text, plain values (Map, List, String, Long, Double, Boolean, null) and xenops API records, in
 * the original's shapes. Malformed input and values of the wrong shape fail with
 * {@code IllegalArgumentException} saying what was expected.
 */
public final class XenopsJson {
    private XenopsJson() {
    }

    /** Parses one JSON value into plain values; integers are {@code Long}, other numbers {@code Double}. */
    public static Object parse(byte[] json) {
        return Mapping.parse(json);
    }

    public static Object parse(String json) {
        return Mapping.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes plain values and API records, in any nesting, as UTF-8 JSON. */
    public static byte[] write(Object value) {
        return Mapping.write(value);
    }

    public static String writeString(Object value) {
        return new String(Mapping.write(value), StandardCharsets.UTF_8);
    }

    /** An API record (or any nesting of them) as the plain values of its wire shape. */
    public static Object toPlain(Object value) {
        return Mapping.toPlain(value);
    }

    /**
     * A value as the plain values of its wire shape under {@code name}: where the original's shapes
     * differ by name only (an IP configuration named {@code ipv6_...}), the name picks the shape.
     */
    public static Object toPlain(String name, Object value) {
        return Mapping.toPlain(name, value);
    }

    /** Reads plain values as {@code type}; absent record fields take the original's defaults. */
    public static <T> T fromPlain(Object plain, Class<T> type) {
        return type.cast(Mapping.fromPlain(plain, type));
    }

    /** Reads plain values as a generic {@code type}, e.g. {@code List<Stat<Vm, VmState>>}. */
    public static Object fromPlain(Object plain, Type type) {
        return Mapping.fromPlain(plain, type);
    }

    /**
     * A JSON-RPC response read in one pass: {@code [result, error]}, the result as {@code resultType}
     * (not read when null), the error as plain values; malformed input fails with IllegalArgumentException.
     */
    public static Object[] readReply(byte[] json, Type resultType) {
        return Mapping.readReply(json, resultType);
    }

    /** Parses JSON text as {@code type}. */
    public static <T> T read(byte[] json, Class<T> type) {
        return type.cast(Mapping.read(json, type));
    }
}
