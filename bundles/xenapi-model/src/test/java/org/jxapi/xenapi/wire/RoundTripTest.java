package org.jxapi.xenapi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.SampleValues;
import org.jxapi.xenapi.model.XenApiRecord;
import org.jxapi.xenapi.model.XenApiType;

/** A fully populated record of every class survives XML-RPC and JSON unchanged. */
class RoundTripTest {

    @TestFactory
    Iterable<DynamicTest> everyClassRoundTripsThroughXmlRpc() {
        return Model.classes().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            for (int seed = 0; seed < 5; seed++) {
                XenApiRecord original = populated(c, seed);
                String xml = XmlRpcMessages.success(original, XenApiType.record(c.name()));
                Object raw = XmlRpcParser.parseResponse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
                Map<?, ?> envelope = (Map<?, ?>) raw;
                assertEquals("Success", envelope.get("Status"));
                Object back = TypedDecoder.convert(envelope.get("Value"), XenApiType.record(c.name()), "value");
                assertEquals(original, back, c.name());
            }
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> everyClassRoundTripsThroughJson() {
        return Model.classes().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            for (int seed = 0; seed < 5; seed++) {
                XenApiRecord original = populated(c, seed);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                JsonWire.writeLegacySuccess(out, original, XenApiType.record(c.name()));
                Map<?, ?> envelope = (Map<?, ?>) JsonWire.parseValue(new ByteArrayInputStream(out.toByteArray()));
                assertEquals("Success", envelope.get("Status"));
                Object back = TypedDecoder.convert(envelope.get("Value"), XenApiType.record(c.name()), "value");
                assertEquals(original, back, c.name());
            }
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> everyClassRoundTripsThroughRawValues() {
        return Model.classes().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            for (int seed = 0; seed < 3; seed++) {
                XenApiRecord original = populated(c, seed);
                Object raw = RawValueWriter.toRaw(original, XenApiType.record(c.name()));
                assertEquals(Map.class, raw instanceof Map ? Map.class : raw.getClass());
                assertEquals(original, TypedDecoder.convert(raw, XenApiType.record(c.name()), "value"), c.name());
            }
        })).toList();
    }

    @TestFactory
    Iterable<DynamicTest> untypedValuesKeepTheirShape() {
        return java.util.List.of(DynamicTest.dynamicTest("nested", () -> {
            // No ints: the XenAPI's XML-RPC carries int64 as strings, so they come back as strings.
            Object raw = new java.util.LinkedHashMap<>(Map.of("a", java.util.List.of("x", true, 2.5),
                    "b", Map.of("c", "d")));
            String xml = XmlRpcMessages.success(raw, XenApiType.Special.UNTYPED);
            Map<?, ?> envelope = (Map<?, ?>) XmlRpcParser.parseResponse(
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            assertEquals(raw, envelope.get("Value"));
            assertEquals(raw, RawValueWriter.toRaw(raw, XenApiType.Special.UNTYPED));
        }));
    }

    /** A record whose every field differs from its default (where the type allows it). */
    private static XenApiRecord populated(ClassMeta c, int seed) {
        XenApiRecord r = new SampleValues(seed * 7919L + c.name().hashCode()).record(c);
        for (FieldMeta f : c.fields()) {
            boolean singleValuedEnum = f.type() instanceof XenApiType.EnumOf e && e.values().size() == 1;
            if (!singleValuedEnum) {
                assertNotEquals(f.defaultValue(), r.get(f.index()), c.name() + "." + f.name() + " not populated");
            }
        }
        return r;
    }

    @TestFactory
    Iterable<DynamicTest> jsonRpcEnvelopesCarryResults() throws IOException {
        return java.util.List.of(DynamicTest.dynamicTest("v1 and v2", () -> {
            RawCall v2 = JsonWire.parseCall(new ByteArrayInputStream(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"VM.get_all\",\"params\":[\"s\"],\"id\":7}".getBytes()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonWire.writeFailure(out, v2, java.util.List.of("SESSION_INVALID", "s"));
            assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"SESSION_INVALID\",\"data\":[\"s\"]},\"id\":7}",
                    out.toString(StandardCharsets.UTF_8));
            RawCall v1 = JsonWire.parseCall(new ByteArrayInputStream(
                    "{\"method\":\"VM.get_all\",\"params\":[\"s\"],\"id\":\"xyz\"}".getBytes()));
            out.reset();
            JsonWire.writeSuccess(out, v1, java.util.Set.of(), XenApiType.set(XenApiType.ref("VM")));
            assertEquals("{\"result\":[],\"error\":null,\"id\":\"xyz\"}", out.toString(StandardCharsets.UTF_8));
        }));
    }
}
