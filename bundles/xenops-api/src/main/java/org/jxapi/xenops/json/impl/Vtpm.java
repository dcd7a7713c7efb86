package org.jxapi.xenops.json.impl;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * An HVM guest's TPM, kept in the API as the vTPM's uuid: an option of the original's variant
 * {@code ["Vtpm", uuid]}, so both {@code ["Vtpm", u]} and {@code [["Vtpm", u]]} read as u.
 */
final class Vtpm {
    private static final Variant<String> VARIANT = Variant.of(String.class, "tpm")
            .contents("Vtpm", String.class, (String u) -> u);

    private Vtpm() {
    }

    static final class Writer extends StdSerializer<String> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(String.class);
        }

        @Override
        public void serialize(String uuid, JsonGenerator g, SerializerProvider p) throws IOException {
            Variant.write(Variant.Tagged.of("Vtpm", uuid), g, p);
        }
    }

    static final class Reader extends StdDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return VARIANT.read(p, ctxt);
            }
            JsonToken first = p.nextToken();
            if (first == JsonToken.END_ARRAY) {
                return null;
            }
            if (first == JsonToken.VALUE_STRING) {
                return VARIANT.readElements(p, ctxt);
            }
            String uuid = VARIANT.read(p, ctxt);
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new IllegalArgumentException("tpm option: expected [] or [x]");
            }
            return uuid;
        }
    }
}
