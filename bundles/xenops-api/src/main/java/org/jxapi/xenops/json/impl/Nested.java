package org.jxapi.xenops.json.impl;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializerFactory;

/**
 * A value of one type read inside another's deserializer. {@link DeserializationContext#readValue}
 * looks the type's deserializer up on every call, and for this module's own deserializers (which
 * Jackson does not cache) that means introspecting the class each time: JFR showed it as a good part
 * of reading a TASK.stat reply. Here the deserializer is found once per mapper (its factory) and kept.
 */
final class Nested {
    private record Found(DeserializerFactory factory, JsonDeserializer<Object> deserializer) {
    }

    private final Type type;
    private volatile Found found;

    Nested(Type type) {
        this.type = type;
    }

    Object read(JsonParser p, DeserializationContext ctxt) throws IOException {
        Found f = found;
        if (f == null || f.factory() != ctxt.getFactory()) {
            JavaType t = type instanceof JavaType j ? j : ctxt.getTypeFactory().constructType(type);
            f = new Found(ctxt.getFactory(), ctxt.findRootValueDeserializer(t));
            found = f;
        }
        return f.deserializer().deserialize(p, ctxt);
    }
}
