package org.jxapi.sm.smapiv1.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class XmlRpcTest {

    @Test
    void callsCarryOneStructOfEscapedStrings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("args", List.of("1 < 2"));
        s.put("device_config", Map.of("location", "a&b"));
        String xml = XmlRpc.call("vdi_create", s);
        assertTrue(xml.contains("<methodName>vdi_create</methodName>"), xml);
        assertTrue(xml.contains("<value><string>1 &lt; 2</string></value>"), xml);
        assertTrue(xml.contains("<name>location</name><value><string>a&amp;b</string></value>"), xml);
    }

    @Test
    void responsesAndFaultsParse() {
        assertEquals(Map.of("uuid", "u", "location", "l", "n", 3L, "ok", true, "none", List.of()), XmlRpc.response(
                "<?xml version='1.0'?>\n<methodResponse><params><param>\n<value><struct>"
                        + "<member><name>uuid</name><value><string>u</string></value></member>"
                        + "<member><name>location</name><value>l</value></member>"
                        + "<member><name>n</name><value><int>3</int></value></member>"
                        + "<member><name>ok</name><value><boolean>1</boolean></value></member>"
                        + "<member><name>none</name><value><array><data/></array></value></member>"
                        + "</struct></value>\n</param></params></methodResponse>"));
        assertEquals(null, XmlRpc.response("<methodResponse><params><param><value><nil/></value></param></params>"
                + "</methodResponse>"));
        assertEquals(new XmlRpc.Fault(44, "There is insufficient space"), XmlRpc.response("<methodResponse><fault>"
                + "<value><struct><member><name>faultCode</name><value><int>44</int></value></member>"
                + "<member><name>faultString</name><value><string>There is insufficient space</string></value>"
                + "</member></struct></value></fault></methodResponse>"));
        assertThrows(IllegalArgumentException.class, () -> XmlRpc.response("not xml"));
    }
}
