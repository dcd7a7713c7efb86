package org.jxapi.xenops.json.impl;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.MapType;

/**
 * Maps as the original's association lists, {@code [[k, v], ...]}. Every map reads from an object or
 * from pairs (the original writes string maps both ways); {@link Writer} writes pairs where the
 * original's keys are not strings.
 */
final class Pairs {
    private Pairs() {
    }

    /** Lets every map deserializer also read pairs. */
    static final class Reading extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
                BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
            return new Reader(deserializer, type);
        }
    }

    private static final class Reader extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final MapType type;
        private final Nested keys;
        private final Nested values;

        Reader(JsonDeserializer<?> d, MapType type) {
            super(d);
            this.type = type;
            this.keys = new Nested(type.getKeyType());
            this.values = new Nested(type.getContentType());
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Reader(newDelegatee, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                return super.deserialize(p, ctxt);
            }
            Map<Object, Object> m = new LinkedHashMap<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!p.isExpectedStartArrayToken()) {
                    throw new IllegalArgumentException("map: expected a pair [key, value], got " + p.currentToken());
                }
                p.nextToken();
                Object key = keys.read(p, ctxt);
                p.nextToken();
                Object value = values.read(p, ctxt);
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    throw new IllegalArgumentException("map: expected a pair [key, value]");
                }
                m.put(key, value);
            }
            return m;
        }
    }

    /** Writes a map as {@code [[k, v], ...]}. */
    static final class Writer extends StdSerializer<Map<?, ?>> {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Writer() {
            super((Class) Map.class);
        }

        @Override
        public void serialize(Map<?, ?> m, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeStartArray();
                p.defaultSerializeValue(e.getKey(), g);
                p.defaultSerializeValue(e.getValue(), g);
                g.writeEndArray();
            }
            g.writeEndArray();
        }
    }
}
