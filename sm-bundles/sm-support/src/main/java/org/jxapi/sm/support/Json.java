package org.jxapi.sm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * The one JSON mapping of the SR drivers, Jackson databind. Values are plain Java (maps, lists,
 * strings, numbers, booleans) or sidecar classes whose fields map to the XenAPI's snake_case
 * names ({@code nameLabel} is {@code name_label}); unknown keys are ignored, so that files
 * written by a newer driver still load.
 */
public final class Json {
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();
    private static final ObjectMapper SIDECAR = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** A value on one line, as the SMAPIv3 plugins read it (shell plugins pick fields with sed). */
    public static String compact(Object value) {
        try {
            return PLAIN.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** One JSON value as maps, lists, strings, numbers, booleans or null. */
    public static Object parse(String text) {
        try {
            return PLAIN.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** One JSON object, as qemu-img and the SR files give them. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        if (!(parse(text) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) m;
    }

    /** A string member; "" for null or missing. */
    public static String str(Map<String, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString();
    }

    /** A numeric member; 0 for anything else. */
    public static long num(Map<String, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0L;
    }

    static JavaType type(Class<?> raw) {
        return TypeFactory.defaultInstance().constructType(raw);
    }

    static JavaType mapOf(Class<?> value) {
        return TypeFactory.defaultInstance().constructMapType(java.util.LinkedHashMap.class, String.class, value);
    }

    static <T> T read(Path file, JavaType type) throws IOException {
        return SIDECAR.readValue(Files.readAllBytes(file), type);
    }

    static byte[] bytes(Object value) {
        try {
            return SIDECAR.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
