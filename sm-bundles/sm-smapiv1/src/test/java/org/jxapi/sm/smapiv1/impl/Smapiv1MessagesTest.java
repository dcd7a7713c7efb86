package org.jxapi.sm.smapiv1.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jxapi.xenapi.wire.RawCall;
import org.jxapi.xenapi.wire.XmlRpcParser;

/** The SMAPIv1 messages as the model's XML-RPC codec writes and reads them (was XmlRpcTest). */
class Smapiv1MessagesTest {

    @Test
    void callsCarryOneStructOfEscapedStrings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("args", List.of("1 < 2"));
        s.put("device_config", Map.of("location", "a&b"));
        String xml = Smapiv1Messages.call("vdi_create", s);
        assertTrue(xml.contains("<methodName>vdi_create</methodName>"), xml);
        // The model writes strings untyped (<value>s</value>), which XML-RPC defines as a string.
        assertTrue(xml.contains("<value>1 &lt; 2</value>"), xml);
        assertTrue(xml.contains("<name>location</name><value>a&amp;b</value>"), xml);
        RawCall parsed = XmlRpcParser.parseCall(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(Map.of("args", List.of("1 < 2"), "device_config", Map.of("location", "a&b"))),
                parsed.params());
    }

    @Test
    void responsesAndFaultsParse() {
        assertEquals(Map.of("uuid", "u", "location", "l", "n", 3L, "ok", true, "none", List.of()),
                Smapiv1Messages.response(
                "<?xml version='1.0'?>\n<methodResponse><params><param>\n<value><struct>"
                        + "<member><name>uuid</name><value><string>u</string></value></member>"
                        + "<member><name>location</name><value>l</value></member>"
                        + "<member><name>n</name><value><int>3</int></value></member>"
                        + "<member><name>ok</name><value><boolean>1</boolean></value></member>"
                        + "<member><name>none</name><value><array><data/></array></value></member>"
                        + "</struct></value>\n</param></params></methodResponse>"));
        assertEquals(null, Smapiv1Messages.response("<methodResponse><params><param><value><nil/></value></param>"
                + "</params></methodResponse>"));
        assertEquals(new Smapiv1Messages.Fault(44, "There is insufficient space"), Smapiv1Messages.response(
                "<methodResponse><fault>"
                + "<value><struct><member><name>faultCode</name><value><int>44</int></value></member>"
                + "<member><name>faultString</name><value><string>There is insufficient space</string></value>"
                + "</member></struct></value></fault></methodResponse>"));
        assertThrows(IllegalArgumentException.class, () -> Smapiv1Messages.response("not xml"));
    }
}
