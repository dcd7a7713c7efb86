package org.jxapi.xenops.json.impl;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;

/**
 * A record field of the original's option type: absent or null is None, and Some x comes as
 * {@code [x]} (the original's encoding) or a bare x (as its newer clients write it); {@code []} is None.
 * An array of one element is always the option around it; an array of more is the value itself,
 * for values that are arrays on the wire (variants, tuples).
 */
final class OptionDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final JavaType type;

    OptionDeserializer() {
        this(null);
    }

    private OptionDeserializer(JavaType type) {
        super(Object.class);
        this.type = type;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        return new OptionDeserializer(property.getType());
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartArrayToken()) {
            return ctxt.readValue(p, type);
        }
        TokenBuffer array = ctxt.bufferAsCopyOfValue(p);
        try (JsonParser b = array.asParserOnFirstToken()) {
            if (b.nextToken() == JsonToken.END_ARRAY) {
                return null;
            }
            b.skipChildren();
            boolean single = b.nextToken() == JsonToken.END_ARRAY;
            try (JsonParser v = array.asParserOnFirstToken()) {
                if (single) {
                    v.nextToken();
                }
                return ctxt.readValue(v, type);
            }
        }
    }
}
