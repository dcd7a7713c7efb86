package org.jxapi.networkd.linux.ipjson;

import java.util.List;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;

/** Reads iproute2's JSON ({@code -j}) into the records of this package. */
public final class IpJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    private IpJson() {
    }

    /**
     * The output of {@code ip -j -batch -}: one JSON array per command, one after the other; the
     * arrays are read as {@code types} in order (fewer when the output has fewer).
     */
    public static List<List<?>> sequence(String json, List<Class<?>> types, String command) {
        List<List<?>> out = new java.util.ArrayList<>();
        try (JsonParser p = MAPPER.createParser(json)) {
            for (Class<?> type : types) {
                if (p.nextToken() == null) {
                    break;
                }
                out.add(MAPPER.readValue(p, MAPPER.getTypeFactory().constructCollectionType(List.class, type)));
            }
        } catch (java.io.IOException e) {
            throw NetworkdException.of(NetworkdErrorCode.READ_ERROR, command, e.getMessage());
        }
        return out;
    }

    public static <T> List<T> list(String json, Class<T> type, String command) {
        if (json == null || json.isBlank()) {
            // iproute2 prints nothing at all for some empty answers (no routes of a table).
            return List.of();
        }
        CollectionType t = MAPPER.getTypeFactory().constructCollectionType(List.class, type);
        try {
            return MAPPER.readValue(json, t);
        } catch (JsonProcessingException e) {
            throw NetworkdException.of(NetworkdErrorCode.READ_ERROR, command, e.getOriginalMessage());
        }
    }
}
