package org.jxapi.networkd.impl.json;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** A map as the original's association list: {@code [[key, value], ...]}, in the map's order. */
public final class PairsSerializer extends StdSerializer<Map<String, ?>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public PairsSerializer() {
        super((Class) Map.class);
    }

    @Override
    public void serialize(Map<String, ?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeStartArray();
        for (Map.Entry<String, ?> e : value.entrySet()) {
            gen.writeStartArray();
            gen.writeString(e.getKey());
            provider.defaultSerializeValue(e.getValue(), gen);
            gen.writeEndArray();
        }
        gen.writeEndArray();
    }
}
