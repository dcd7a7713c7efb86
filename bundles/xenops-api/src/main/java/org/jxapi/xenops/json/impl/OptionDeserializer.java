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

/**
 * A record field of the original's option type: absent or null is None, and Some x comes as
 * {@code [x]} (the original's encoding) or a bare x (as its newer clients write it); {@code []} is None.
 * For fields whose own value is never an array.
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
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return null;
        }
        Object v = ctxt.readValue(p, type);
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new IllegalArgumentException(type + " option: expected [] or [x]");
        }
        return v;
    }
}
