package org.jxapi.networkd.ovs.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/** Reads OVSDB's tagged arrays ({@code ["set", ...]}, {@code ["map", ...]}, {@code ["uuid", ...]}) into an {@link OvsdbValue}. */
final class OvsdbValueDeserializer extends StdDeserializer<OvsdbValue> {
    private static final long serialVersionUID = 1L;

    OvsdbValueDeserializer() {
        super(OvsdbValue.class);
    }

    @Override
    public OvsdbValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return new OvsdbValue(List.of(p.getValueAsString()), Map.of());
        }
        String tag = p.nextTextValue();
        p.nextToken();
        OvsdbValue value = switch (tag == null ? "" : tag) {
            case "uuid", "named-uuid" -> new OvsdbValue(List.of(p.getValueAsString()), Map.of());
            case "set" -> new OvsdbValue(readAtoms(p, ctxt), Map.of());
            case "map" -> new OvsdbValue(List.of(), readPairs(p, ctxt));
            default -> throw JsonMappingException.from(p, "unknown OVSDB value tag: " + tag);
        };
        expect(p, ctxt, p.nextToken(), JsonToken.END_ARRAY);
        return value;
    }

    /** The elements of a set: atoms or {@code ["uuid", id]} pairs; the parser is on the set's START_ARRAY. */
    private static List<String> readAtoms(JsonParser p, DeserializationContext ctxt) throws IOException {
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(readAtom(p, ctxt));
        }
        return out;
    }

    private static Map<String, String> readPairs(JsonParser p, DeserializationContext ctxt) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, ctxt, p.currentToken(), JsonToken.START_ARRAY);
            p.nextToken();
            String key = readAtom(p, ctxt);
            p.nextToken();
            String value = readAtom(p, ctxt);
            expect(p, ctxt, p.nextToken(), JsonToken.END_ARRAY);
            out.put(key, value);
        }
        return out;
    }

    private static String readAtom(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            p.nextToken(); // "uuid" or "named-uuid"
            p.nextToken();
            String id = p.getValueAsString();
            expect(p, ctxt, p.nextToken(), JsonToken.END_ARRAY);
            return id;
        }
        return p.getValueAsString();
    }

    private static void expect(JsonParser p, DeserializationContext ctxt, JsonToken got, JsonToken wanted)
            throws IOException {
        if (got != wanted) {
            throw JsonMappingException.from(p, "expected " + wanted + " in an OVSDB value, got " + got);
        }
    }
}
