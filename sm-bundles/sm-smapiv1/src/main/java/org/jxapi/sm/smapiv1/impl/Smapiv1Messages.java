package org.jxapi.sm.smapiv1.impl;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.XmlRpcMessages;
import org.jxapi.xenapi.wire.WireFormatException;
import org.jxapi.xenapi.wire.XmlRpcParser;

/**
 * The SMAPIv1 request and answer, in the model's XML-RPC codec: a methodCall whose one
 * parameter is a struct of strings, string arrays and string maps, and a methodResponse holding
 * one value or a fault. Values parse as the codec's raw values (String, Long, Boolean, Double,
 * List, Map, or null for {@code <nil/>}).
 */
final class Smapiv1Messages {
    /** A fault answer: the driver's numeric error code and its text. */
    record Fault(int code, String text) {
    }

    private Smapiv1Messages() {
    }

    static String call(String method, Map<String, Object> struct) {
        return XmlRpcMessages.call(method, List.of(struct), List.of(XenApiType.Special.UNTYPED));
    }

    /**
     * The value of a methodResponse, or a {@link Fault} for a fault answer; IllegalArgumentException
     * for anything that is not XML-RPC.
     */
    static Object response(String xml) {
        XmlRpcParser.Response r;
        try {
            r = XmlRpcParser.parseMethodResponse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!r.fault()) {
            return r.value();
        }
        if (!(r.value() instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("a fault must be a struct");
        }
        Object code = m.get("faultCode");
        try {
            return new Fault(code instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(code).trim()),
                    String.valueOf(m.get("faultString")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault code " + code + " is not a number", e);
        }
    }
}
