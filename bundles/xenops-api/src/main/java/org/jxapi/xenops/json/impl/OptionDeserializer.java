package org.jxapi.xenops.json.impl;

import java.io.IOException;
import java.util.Set;

import org.jxapi.xenops.api.PciAddress;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
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
 * For values that are arrays on the wire (variants, tuples), an array whose first element is a
 * scalar is the value itself and one whose first element is structured is the option around it; for
 * untyped values an array of one element is the option around it, as the original's readers had it.
 */
final class OptionDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    /** Values that are never arrays on the wire (a PCI address is an object or its text). */
    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Integer.class, Long.class,
            Double.class, PciAddress.class);
    private final JavaType type;
    private final Nested value;

    OptionDeserializer() {
        this(null);
    }

    private OptionDeserializer(JavaType type) {
        super(Object.class);
        this.type = type;
        this.value = type == null ? null : new Nested(type);
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        return new OptionDeserializer(property.getType());
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartArrayToken()) {
            return value.read(p, ctxt);
        }
        Class<?> raw = type.getRawClass();
        if (raw == Object.class) {
            return untyped(p, ctxt);
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_ARRAY) {
            return null;
        }
        if (!SCALARS.contains(raw) && first.isScalarValue()) {
            // An array-shaped value ("Tag", contents or a tuple) written without the option around it:
            // the array is the value. Its first token is put back in front of the rest of the input.
            TokenBuffer start = ctxt.bufferForInputBuffering(p);
            start.writeStartArray();
            JsonParser rest = JsonParserSequence.createFlattened(true, start.asParserOnFirstToken(), p);
            rest.nextToken(); // the START_ARRAY put back; the next token is the first element, from p
            return value.read(rest, ctxt);
        }
        Object v = value.read(p, ctxt);
        if (p.nextToken() != JsonToken.END_ARRAY) {
            throw new IllegalArgumentException(type + " option: expected [] or [x]");
        }
        return v;
    }

    /** A value of any shape: the original's rule, an array of one is the option around its element. */
    private Object untyped(JsonParser p, DeserializationContext ctxt) throws IOException {
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
                return value.read(v, ctxt);
            }
        }
    }
}
