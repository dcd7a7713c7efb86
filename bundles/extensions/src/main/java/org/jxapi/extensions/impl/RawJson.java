package org.jxapi.extensions.impl;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.model.WireEnum;
import org.jxapi.xenapi.model.XenApiException;

/**
 * A raw value as JSON text: what {@code host.call_extension} (typed string) returns for an answer
 * that is not a string. Jackson databind maps the raw forms (maps, lists, strings, numbers,
 * booleans) as they are; the module adds the XenAPI's own spellings of the model types an
 * extension may hand back (refs as handles, enums by wire name, datetimes as the wire's
 * {@code 20240131T23:59:59Z}) and, as the XenAPI's untyped encoding does, null as {@code ""}.
 */
final class RawJson {
    private static final ObjectMapper MAPPER = mapper();

    private RawJson() {
    }

    static String of(Object raw) {
        try {
            return MAPPER.writeValueAsString(raw);
        } catch (JsonProcessingException e) {
            throw XenApiException.internal(e);
        }
    }

    private static ObjectMapper mapper() {
        SimpleModule xenapi = new SimpleModule("xenapi-raw-values");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Ref<?>> refs = (Class) Ref.class;
        xenapi.addSerializer(refs, new JsonSerializer<Ref<?>>() {
            @Override
            public void serialize(Ref<?> value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.handle());
            }
        });
        xenapi.addSerializer(WireEnum.class, new JsonSerializer<>() {
            @Override
            public void serialize(WireEnum value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.wireName());
            }
        });
        xenapi.addKeySerializer(WireEnum.class, new JsonSerializer<>() {
            @Override
            public void serialize(WireEnum value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeFieldName(value.wireName());
            }
        });
        xenapi.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(Values.formatDateTime(value));
            }
        });
        ObjectMapper m = new ObjectMapper().registerModule(xenapi);
        m.getSerializerProvider().setNullValueSerializer(new JsonSerializer<Object>() {
            @Override
            public void serialize(Object value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString("");
            }
        });
        return m;
    }
}
