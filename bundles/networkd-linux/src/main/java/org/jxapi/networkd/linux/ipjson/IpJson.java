package org.jxapi.networkd.linux.ipjson;

import java.util.List;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

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
