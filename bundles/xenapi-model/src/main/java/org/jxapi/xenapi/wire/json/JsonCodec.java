package org.jxapi.xenapi.wire.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.RawCall;
import org.jxapi.xenapi.wire.TypedEncoder;
import org.jxapi.xenapi.wire.WireFormatException;

/**
 * The Jackson side of {@link org.jxapi.xenapi.wire.JsonWire}: streaming jackson-core, because
 * this is the transport's hot path (a record is written straight from the database row, with
 * field names encoded once). Kept in a private package so that no Jackson type reaches the
 * exported codec API and its users do not depend on Jackson's version.
 */
public final class JsonCodec {
    public static final int MAX_DEPTH = 64;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonCodec() {
    }

    /**
     * A JSON-RPC request: {@code method} a string, {@code params} an array and {@code id} a string
     * or number are all required (the XenAPI takes no notifications); anything else is malformed.
     */
    public static RawCall parseCall(InputStream in) {
        Object v = parseValue(in);
        if (!(v instanceof Map<?, ?> m)) {
            throw new WireFormatException("Jsonrpc.Malformed_method_request(not an object)");
        }
        Object method = m.get("method");
        Object params = m.get("params");
        Object id = m.get("id");
        Object version = m.get("jsonrpc");
        if (!(method instanceof String s) || s.isEmpty()) {
            throw new WireFormatException("Jsonrpc.Malformed_method_request(method)");
        }
        if (!(params instanceof List<?> p)) {
            throw new WireFormatException("Jsonrpc.Malformed_method_request(params)");
        }
        if (!(id instanceof String || id instanceof Number)) {
            throw new WireFormatException("Jsonrpc.Malformed_method_request(id)");
        }
        if (version != null && !"2.0".equals(version) && !"1.0".equals(version)) {
            throw new WireFormatException("Jsonrpc.Malformed_method_request(jsonrpc)");
        }
        @SuppressWarnings("unchecked")
        List<Object> ps = (List<Object>) p;
        return new RawCall(s, ps, id, "2.0".equals(version) ? "2.0" : "1.0");
    }

    /** Parses one JSON value (and nothing after it) into raw values. */
    public static Object parseValue(InputStream in) {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new WireFormatException("empty body");
            }
            Object v = read(p, t);
            if (p.nextToken() != null) {
                throw new WireFormatException("trailing content after JSON value");
            }
            return v;
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException w) {
                throw w;
            }
            throw new WireFormatException("Jsonrpc.Parse_error(" + e.getMessage() + ")", e);
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, read(p, p.nextToken()));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new WireFormatException("bad object");
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new WireFormatException("unterminated array");
                    }
                    l.add(read(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new WireFormatException("integer out of range");
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new WireFormatException("unexpected JSON token " + t);
        }
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /** The success envelope for a JSON-RPC request, in the request's version. */
    public static void writeSuccess(OutputStream out, RawCall call, Object value, XenApiType type) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            if ("2.0".equals(call.jsonRpcVersion())) {
                g.writeStringField("jsonrpc", "2.0");
            }
            g.writeFieldName("result");
            TypedEncoder.write(new JsonValueWriter(g), value, type);
            if (!"2.0".equals(call.jsonRpcVersion())) {
                g.writeNullField("error");
            }
            writeId(g, call.id());
            g.writeEndObject();
        }
    }

    /** The result value alone, as JSON text, for callers that send the same result many times. */
    public static String encodeValue(Object value, XenApiType type) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            TypedEncoder.write(new JsonValueWriter(g), value, type);
        }
        return w.toString();
    }

    /** The success envelope around a result already encoded by {@link #encodeValue}. */
    public static void writeSuccessEncoded(OutputStream out, RawCall call, String encodedValue) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            if ("2.0".equals(call.jsonRpcVersion())) {
                g.writeStringField("jsonrpc", "2.0");
            }
            g.writeFieldName("result");
            g.writeRawValue(encodedValue);
            if (!"2.0".equals(call.jsonRpcVersion())) {
                g.writeNullField("error");
            }
            writeId(g, call.id());
            g.writeEndObject();
        }
    }

    /** The failure envelope: v1 {@code error: [CODE, params]}, v2 {@code error: {code, message, data}}. */
    public static void writeFailure(OutputStream out, RawCall call, List<String> description) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            if ("2.0".equals(call.jsonRpcVersion())) {
                g.writeStringField("jsonrpc", "2.0");
                g.writeObjectFieldStart("error");
                g.writeNumberField("code", 1);
                g.writeStringField("message", description.get(0));
                g.writeArrayFieldStart("data");
                for (int i = 1; i < description.size(); i++) {
                    g.writeString(description.get(i));
                }
                g.writeEndArray();
                g.writeEndObject();
            } else {
                g.writeNullField("result");
                g.writeArrayFieldStart("error");
                for (String s : description) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            writeId(g, call.id());
            g.writeEndObject();
        }
    }

    /** The legacy envelope of {@code /json}: {@code {"Status": "Success", "Value": ...}}. */
    public static void writeLegacySuccess(OutputStream out, Object value, XenApiType type) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeStringField("Status", "Success");
            g.writeFieldName("Value");
            TypedEncoder.write(new JsonValueWriter(g), value, type);
            g.writeEndObject();
        }
    }

    public static void writeLegacyFailure(OutputStream out, List<String> description) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeStringField("Status", "Failure");
            g.writeArrayFieldStart("ErrorDescription");
            for (String s : description) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeId(JsonGenerator g, Object id) throws IOException {
        g.writeFieldName("id");
        if (id instanceof Long l) {
            g.writeNumber(l);
        } else if (id instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (id == null) {
            g.writeNull();
        } else {
            g.writeString(id.toString());
        }
    }
}
