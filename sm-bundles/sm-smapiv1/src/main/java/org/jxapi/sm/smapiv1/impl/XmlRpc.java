package org.jxapi.sm.smapiv1.impl;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jxapi.xenapi.wire.XmlRpcWriter;

/**
 * The XML-RPC the SMAPIv1 drivers speak: a methodCall whose one parameter is a struct of
 * strings, string arrays and string maps, and a methodResponse holding one value or a fault.
 * Values parse to String, Long, Boolean, Double, List, Map or null ({@code <nil/>}).
 */
final class XmlRpc {
    private static final XMLInputFactory FACTORY = factory();

    /** A fault answer: the driver's numeric error code and its text. */
    record Fault(int code, String text) {
    }

    private XmlRpc() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    static String call(String method, Map<String, Object> struct) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>");
        escape(sb, method);
        sb.append("</methodName><params><param>");
        value(sb, struct);
        return sb.append("</param></params></methodCall>").toString();
    }

    private static void value(StringBuilder sb, Object v) {
        sb.append("<value>");
        if (v instanceof Map<?, ?> m) {
            sb.append("<struct>");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append("<member><name>");
                escape(sb, e.getKey().toString());
                sb.append("</name>");
                value(sb, e.getValue());
                sb.append("</member>");
            }
            sb.append("</struct>");
        } else if (v instanceof List<?> l) {
            sb.append("<array><data>");
            l.forEach(x -> value(sb, x));
            sb.append("</data></array>");
        } else if (v instanceof Boolean b) {
            sb.append("<boolean>").append(b ? 1 : 0).append("</boolean>");
        } else {
            sb.append("<string>");
            escape(sb, String.valueOf(v));
            sb.append("</string>");
        }
        sb.append("</value>");
    }

    private static void escape(StringBuilder sb, String s) {
        XmlRpcWriter.escape(sb, s);
    }

    /** The value of a methodResponse, or a {@link Fault} for a fault answer. */
    static Object response(String xml) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
            try {
                start(r, "methodResponse");
                start(r, null);
                if (r.getLocalName().equals("fault")) {
                    start(r, "value");
                    Object f = readValue(r, 0);
                    if (!(f instanceof Map<?, ?> m)) {
                        throw new IllegalArgumentException("a fault must be a struct");
                    }
                    Object code = m.get("faultCode");
                    return new Fault(code instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(code)),
                            String.valueOf(m.get("faultString")));
                }
                if (!r.getLocalName().equals("params")) {
                    throw new IllegalArgumentException("expected <params>, found <" + r.getLocalName() + ">");
                }
                start(r, "param");
                start(r, "value");
                return readValue(r, 0);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void start(XMLStreamReader r, String name) throws XMLStreamException {
        int ev = r.nextTag();
        if (ev != XMLStreamConstants.START_ELEMENT || (name != null && !r.getLocalName().equals(name))) {
            throw new IllegalArgumentException("expected <" + (name == null ? "element" : name) + ">");
        }
    }

    /** Positioned on {@code <value>}; returns on its {@code </value>}. */
    private static Object readValue(XMLStreamReader r, int depth) throws XMLStreamException {
        if (depth > 32) {
            throw new IllegalArgumentException("values nested too deeply");
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
                text.append(r.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                return text.toString();
            } else if (ev == XMLStreamConstants.START_ELEMENT) {
                Object v = typed(r, depth);
                while (r.next() != XMLStreamConstants.END_ELEMENT) {
                    // Whitespace between the typed element and </value>.
                }
                return v;
            }
        }
    }

    private static Object typed(XMLStreamReader r, int depth) throws XMLStreamException {
        String t = r.getLocalName();
        switch (t) {
            case "string":
                return r.getElementText();
            case "int", "i4", "i8":
                return Long.parseLong(r.getElementText().trim());
            case "boolean":
                return r.getElementText().trim().equals("1");
            case "double":
                return Double.parseDouble(r.getElementText().trim());
            case "nil":
                r.nextTag();
                return null;
            case "dateTime.iso8601", "base64":
                return r.getElementText();
            case "array": {
                List<Object> out = new ArrayList<>();
                start(r, "data");
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    out.add(readValue(r, depth + 1));
                }
                r.nextTag();
                return out;
            }
            case "struct": {
                Map<String, Object> out = new LinkedHashMap<>();
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    start(r, "name");
                    String name = r.getElementText();
                    start(r, "value");
                    out.put(name, readValue(r, depth + 1));
                    r.nextTag();
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("unknown XML-RPC type " + t);
        }
    }
}
