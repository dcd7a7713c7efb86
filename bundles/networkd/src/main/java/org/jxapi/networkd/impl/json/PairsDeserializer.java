package org.jxapi.networkd.impl.json;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * The original's association list {@code [[key, value], ...]} as a map that keeps its order; the
 * values are read as the map's declared value type. An object {@code {key: value}} is read too.
 */
public final class PairsDeserializer extends StdDeserializer<Map<String, Object>> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final JavaType valueType;

    public PairsDeserializer() {
        this(null);
    }

    private PairsDeserializer(JavaType valueType) {
        super(Map.class);
        this.valueType = valueType;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        JavaType type = property != null ? property.getType() : ctxt.getContextualType();
        JavaType content = type != null && type.getContentType() != null ? type.getContentType()
                : ctxt.constructType(String.class);
        return new PairsDeserializer(content);
    }

    @Override
    public Map<String, Object> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JavaType vt = valueType != null ? valueType : ctxt.constructType(String.class);
        Map<String, Object> result = new LinkedHashMap<>();
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                result.put(key, ctxt.readValue(p, vt));
            }
            return result;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return ctxt.reportInputMismatch(this, "expected a list of [key, value] pairs, got %s", p.currentToken());
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return ctxt.reportInputMismatch(this, "expected a [key, value] pair, got %s", p.currentToken());
            }
            p.nextToken();
            String key = p.getValueAsString();
            p.nextToken();
            result.put(key, ctxt.readValue(p, vt));
            if (p.nextToken() != JsonToken.END_ARRAY) {
                return ctxt.reportInputMismatch(this, "a pair has more than two elements");
            }
        }
        return result;
    }

    @Override
    public Map<String, Object> getNullValue(DeserializationContext ctxt) {
        return new LinkedHashMap<>();
    }
}
