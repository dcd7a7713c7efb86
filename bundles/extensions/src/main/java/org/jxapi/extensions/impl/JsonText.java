package org.jxapi.extensions.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonGenerator;

import org.jxapi.xenapi.wire.JsonWire;
import org.jxapi.xenapi.wire.JsonWireWriter;
import org.jxapi.xenapi.wire.TypedEncoder;

/** A raw value as JSON text: what host.call_extension (typed string) returns for a non-string answer. */
final class JsonText {
    private JsonText() {
    }

    static String of(Object raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonWire.generator(out)) {
            TypedEncoder.writeUntyped(new JsonWireWriter(g), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
