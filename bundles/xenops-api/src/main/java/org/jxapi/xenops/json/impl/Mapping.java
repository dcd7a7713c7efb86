package org.jxapi.xenops.json.impl;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Collections;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one ObjectMapper behind {@link org.jxapi.xenops.json.XenopsJson}: plain values with integers as
 * {@code Long} (as the original's int64s), the xenops records through {@link XenopsModule}.
 */
public final class Mapping {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new XenopsModule())
            .build();

    private Mapping() {
    }

    public static Object parse(byte[] json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw rethrow(e);
        }
    }

    public static Object toPlain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        try {
            return MAPPER.convertValue(value, Object.class);
        } catch (IllegalArgumentException e) {
            throw rethrow(e);
        }
    }

    public static Object toPlain(String name, Object value) {
        return ((java.util.Map<?, ?>) toPlain(Collections.singletonMap(name, value))).get(name);
    }

    public static Object fromPlain(Object plain, Type type) {
        try {
            return MAPPER.convertValue(plain, MAPPER.constructType(type));
        } catch (IllegalArgumentException e) {
            throw rethrow(e);
        }
    }

    public static Object read(byte[] json, Type type) {
        try {
            return MAPPER.readValue(json, MAPPER.constructType(type));
        } catch (IOException e) {
            throw rethrow(e);
        }
    }

    /**
     * A JSON-RPC response in one pass: {@code [result, error]}, the result read straight as
     * {@code resultType} (skipped when null), the error as plain values (null when absent).
     */
    public static Object[] readReply(byte[] json, Type resultType) {
        try (JsonParser p = MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("response: expected an object");
            }
            Object result = null;
            Object error = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if ("result".equals(field) && resultType != null) {
                    result = MAPPER.readValue(p, MAPPER.constructType(resultType));
                } else if ("error".equals(field)) {
                    error = MAPPER.readValue(p, Object.class);
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException("response: malformed JSON after its members");
            }
            return new Object[] {result, error};
        } catch (IOException e) {
            throw rethrow(e);
        }
    }

    /** The decoders' own IllegalArgumentException, unwrapped from Jackson's, which say what was expected. */
    private static IllegalArgumentException rethrow(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && !(t.getCause() instanceof IOException)
                    && t != e) {
                return iae;
            }
            if (t instanceof IllegalArgumentException iae && t.getCause() == null) {
                return iae;
            }
        }
        return new IllegalArgumentException(e.getMessage(), e);
    }
}
