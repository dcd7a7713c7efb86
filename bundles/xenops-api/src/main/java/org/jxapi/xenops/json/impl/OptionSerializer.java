package org.jxapi.xenops.json.impl;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * An option the original's way where it is not a record field that can be left out: {@code []} for
 * None, {@code [x]} for Some x. Used as both {@code using} and {@code nullsUsing}.
 */
final class OptionSerializer extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;

    OptionSerializer() {
        super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartArray();
        if (value != null) {
            p.defaultSerializeValue(value, g);
        }
        g.writeEndArray();
    }
}
