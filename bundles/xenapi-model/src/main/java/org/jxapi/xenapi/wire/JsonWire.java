package org.jxapi.xenapi.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.json.JsonCodec;

/**
 * JSON on the XenAPI wire: parsing calls and values into raw values, and writing the JSON-RPC
 * v1.0 and v2.0 envelopes and the legacy {@code Status/Value} envelope of {@code /json}.
 *
 * <p>Only plain Java types cross this API; the Jackson implementation stays in a private
 * package, so a bundle that uses the codec does not import Jackson for it.
 */
public final class JsonWire {
    /** The deepest nesting a parsed body may have; deeper is a parse error, not a stack overflow. */
    public static final int MAX_DEPTH = JsonCodec.MAX_DEPTH;

    private JsonWire() {
    }

    /**
     * A JSON-RPC request: {@code method} a string, {@code params} an array and {@code id} a string
     * or number are all required (the XenAPI takes no notifications); anything else is malformed.
     */
    public static RawCall parseCall(InputStream in) {
        return JsonCodec.parseCall(in);
    }

    /** Parses one JSON value (and nothing after it) into raw values. */
    public static Object parseValue(InputStream in) {
        return JsonCodec.parseValue(in);
    }

    /** The success envelope for a JSON-RPC request, in the request's version. */
    public static void writeSuccess(OutputStream out, RawCall call, Object value, XenApiType type) throws IOException {
        JsonCodec.writeSuccess(out, call, value, type);
    }

    /** The result value alone, as JSON text, for callers that send the same result many times. */
    public static String encodeValue(Object value, XenApiType type) throws IOException {
        return JsonCodec.encodeValue(value, type);
    }

    /** The success envelope around a result already encoded by {@link #encodeValue}. */
    public static void writeSuccessEncoded(OutputStream out, RawCall call, String encodedValue) throws IOException {
        JsonCodec.writeSuccessEncoded(out, call, encodedValue);
    }

    /** The failure envelope: v1 {@code error: [CODE, params]}, v2 {@code error: {code, message, data}}. */
    public static void writeFailure(OutputStream out, RawCall call, List<String> description) throws IOException {
        JsonCodec.writeFailure(out, call, description);
    }

    /** The legacy envelope of {@code /json}: {@code {"Status": "Success", "Value": ...}}. */
    public static void writeLegacySuccess(OutputStream out, Object value, XenApiType type) throws IOException {
        JsonCodec.writeLegacySuccess(out, value, type);
    }

    public static void writeLegacyFailure(OutputStream out, List<String> description) throws IOException {
        JsonCodec.writeLegacyFailure(out, description);
    }
}
