package org.jxapi.xenops.json.impl;

import java.io.IOException;

import org.jxapi.xenops.api.PciAddress;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * The records that are JSON objects on the wire: anything else fails saying that an object was
 * expected (Jackson's own message names a Java type); a PCI address may also come as its text,
 * {@code "0000:04:00.1"}, as the original's clients write it.
 */
final class ObjectRecords extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc,
            JsonDeserializer<?> deserializer) {
        Class<?> c = beanDesc.getBeanClass();
        if (deserializer.getClass() != BeanDeserializer.class || !c.getName().startsWith("org.jxapi.xenops.")) {
            return deserializer;
        }
        return new Checked(deserializer, c.getSimpleName());
    }

    private static final class Checked extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final String what;

        Checked(JsonDeserializer<?> d, String what) {
            super(d);
            this.what = what;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Checked(newDelegatee, what);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (_delegatee.getClass() != BeanDeserializer.class) {
                // A record the mix-ins made a tuple: Jackson's array reader took the place of the object reader.
                return super.deserialize(p, ctxt);
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT) {
                return super.deserialize(p, ctxt);
            }
            if (t == JsonToken.VALUE_STRING && handledType() == PciAddress.class) {
                return PciAddress.parse(p.getText());
            }
            throw new IllegalArgumentException(what + ": expected an object, got " + t);
        }
    }
}
