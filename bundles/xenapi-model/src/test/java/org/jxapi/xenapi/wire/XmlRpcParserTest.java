package org.jxapi.xenapi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiType;

class XmlRpcParserTest {

    private static RawCall call(String xml) {
        return XmlRpcParser.parseCall(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void untypedValuesAreStringsAndWhitespaceAroundTypedValuesIsIgnored() {
        RawCall c = call("<?xml version='1.0'?><methodCall><methodName>VM.get_record</methodName><params>"
                + "<param><value>OpaqueRef:abc</value></param>"
                + "<param><value>\n  <i4>42</i4>\n</value></param>"
                + "<param><value><boolean>1</boolean></value></param>"
                + "<param><value><dateTime.iso8601>20240131T23:59:59Z</dateTime.iso8601></value></param>"
                + "<param><value><struct><member><name>k</name><value><array><data><value>x</value>"
                + "</data></array></value></member></struct></value></param>"
                + "<param><value/></param>"
                + "</params></methodCall>");
        assertEquals("VM.get_record", c.method());
        assertEquals(List.of("OpaqueRef:abc", 42L, true, Instant.parse("2024-01-31T23:59:59Z"),
                Map.of("k", List.of("x")), ""), c.params());
    }

    @Test
    void intsArriveAsDecimalStringsAndAreTypedOnConversion() {
        RawCall c = call("<methodCall><methodName>m</methodName><params><param><value><string>-9223372036854775808"
                + "</string></value></param></params></methodCall>");
        assertEquals(Long.MIN_VALUE, TypedDecoder.convert(c.params().get(0), XenApiType.Primitive.INT, "x"));
        XenApiException e = assertThrows(XenApiException.class,
                () -> TypedDecoder.convert("12x", XenApiType.Primitive.INT, "memory"));
        assertEquals(List.of("FIELD_TYPE_ERROR", "memory"), e.errorDescription());
    }

    @Test
    void malformedBodiesAreWireFormatErrors() {
        for (String bad : List.of("", "<methodCall>", "<methodCall><methodName></methodName></methodCall>",
                "<methodCall><methodName>x</methodName><params><param><value><int>1.5</int></value></param>"
                        + "</params></methodCall>",
                "<methodCall><methodName>x</methodName><params><param><value><foo/></value></param></params>"
                        + "</methodCall>",
                "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><methodCall><methodName>&e;</methodName>"
                        + "</methodCall>",
                "not xml at all")) {
            assertThrows(WireFormatException.class, () -> call(bad), bad);
        }
    }

    @Test
    void deepNestingIsRefusedNotRecursedInto() {
        String open = "<value><array><data>".repeat(200);
        String close = "</data></array></value>".repeat(200);
        assertThrows(WireFormatException.class, () -> call("<methodCall><methodName>x</methodName><params><param>"
                + open + close + "</param></params></methodCall>"));
    }

    @Test
    void failureEnvelopesCarryTheErrorDescription() {
        String xml = XmlRpcMessages.failure(List.of("HANDLE_INVALID", "VM", "OpaqueRef:<&>"));
        Map<?, ?> env = (Map<?, ?>) XmlRpcParser.parseResponse(new ByteArrayInputStream(xml.getBytes()));
        assertEquals("Failure", env.get("Status"));
        assertEquals(List.of("HANDLE_INVALID", "VM", "OpaqueRef:<&>"), env.get("ErrorDescription"));
    }
}
