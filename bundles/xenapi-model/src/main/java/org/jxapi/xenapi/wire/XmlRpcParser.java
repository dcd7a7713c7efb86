package org.jxapi.xenapi.wire;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jxapi.xenapi.model.Values;

/**
 * Parses XML-RPC method calls and responses into raw values with the JDK's StAX parser, with
 * DTDs and external entities off. Anything that is not well-formed XML-RPC raises
 * {@link WireFormatException}.
 */
public final class XmlRpcParser {
    /** Deeper nesting than this is refused rather than recursed into. */
    public static final int MAX_DEPTH = 64;
    private static final XMLInputFactory FACTORY = factory();

    private XmlRpcParser() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        // Errors become exceptions; the JDK's default would also print each one to stderr.
        f.setXMLReporter((message, type, info, location) -> { });
        return f;
    }

    public static RawCall parseCall(InputStream in) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                expectStart(r, "methodCall");
                expectStart(r, "methodName");
                String method = r.getElementText().trim();
                if (method.isEmpty()) {
                    throw new WireFormatException("empty methodName");
                }
                List<Object> params = new ArrayList<>();
                int ev = nextTag(r);
                if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("params")) {
                    readParams(r, params);
                    ev = nextTag(r);
                }
                if (ev != XMLStreamConstants.END_ELEMENT || !r.getLocalName().equals("methodCall")) {
                    throw new WireFormatException("expected </methodCall>");
                }
                return new RawCall(method, params, null, null);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw wrap(e);
        }
    }

    /**
     * A parsed methodResponse: its one value, or for a {@code <fault>} the fault's value (a struct
     * of {@code faultCode} and {@code faultString}).
     */
    public record Response(boolean fault, Object value) {
    }

    /** The value of a methodResponse; a {@code <fault>} raises WireFormatException. */
    public static Object parseResponse(InputStream in) {
        Response r = parseMethodResponse(in);
        if (r.fault()) {
            throw new WireFormatException("fault: " + r.value());
        }
        return r.value();
    }

    /** A methodResponse, faults included (as XenAPI plugins may answer). */
    public static Response parseMethodResponse(InputStream in) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                expectStart(r, "methodResponse");
                expectStart(r, null);
                if (r.getLocalName().equals("fault")) {
                    expectStart(r, "value");
                    return new Response(true, readValue(r, 0));
                }
                if (!r.getLocalName().equals("params")) {
                    throw new WireFormatException("expected <params>");
                }
                List<Object> params = new ArrayList<>();
                readParams(r, params);
                if (params.size() != 1) {
                    throw new WireFormatException("a response carries exactly one param");
                }
                return new Response(false, params.get(0));
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw wrap(e);
        }
    }

    private static RuntimeException wrap(Exception e) {
        if (e instanceof WireFormatException w) {
            return w;
        }
        return new WireFormatException("Xmlrpc.Parse_error(" + e.getMessage() + ")", e);
    }

    /** Positioned on {@code <params>}; reads each {@code <param><value>}, ends on {@code </params>}. */
    private static void readParams(XMLStreamReader r, List<Object> out) throws XMLStreamException {
        while (true) {
            int ev = nextTag(r);
            if (ev == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            requireName(r, "param");
            expectStart(r, "value");
            out.add(readValue(r, 0));
            if (nextTag(r) != XMLStreamConstants.END_ELEMENT || !r.getLocalName().equals("param")) {
                throw new WireFormatException("expected </param>");
            }
        }
    }

    /** Positioned on {@code <value>}; returns with the reader on {@code </value>}. */
    private static Object readValue(XMLStreamReader r, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw new WireFormatException("values nested too deeply");
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    Object v = readTyped(r, depth);
                    if (nextTag(r) != XMLStreamConstants.END_ELEMENT || !r.getLocalName().equals("value")) {
                        throw new WireFormatException("expected </value>");
                    }
                    return v;
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                }
                default -> throw new WireFormatException("unexpected XML in <value>");
            }
        }
    }

    private static Object readTyped(XMLStreamReader r, int depth) throws XMLStreamException {
        String type = r.getLocalName();
        switch (type) {
            case "string":
                return r.getElementText();
            case "int", "i4", "i8":
                return parseLong(r.getElementText());
            case "boolean": {
                String t = r.getElementText().trim();
                if (t.equals("1") || t.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (t.equals("0") || t.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                throw new WireFormatException("bad boolean " + t);
            }
            case "double": {
                String t = r.getElementText().trim();
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new WireFormatException("bad double " + t);
                }
            }
            case "dateTime.iso8601": {
                String t = r.getElementText();
                Instant i = Values.parseDateTime(t);
                return i != null ? i : t;
            }
            case "base64":
                try {
                    return Base64.getMimeDecoder().decode(r.getElementText().trim());
                } catch (IllegalArgumentException e) {
                    throw new WireFormatException("bad base64");
                }
            case "nil":
                skipToEnd(r);
                return null;
            case "array":
                return readArray(r, depth);
            case "struct":
                return readStruct(r, depth);
            default:
                throw new WireFormatException("unknown XML-RPC type <" + type + ">");
        }
    }

    private static List<Object> readArray(XMLStreamReader r, int depth) throws XMLStreamException {
        List<Object> out = new ArrayList<>();
        int ev = nextTag(r);
        if (ev == XMLStreamConstants.END_ELEMENT) {
            return out;
        }
        requireName(r, "data");
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            requireName(r, "value");
            out.add(readValue(r, depth + 1));
        }
        if (nextTag(r) != XMLStreamConstants.END_ELEMENT || !r.getLocalName().equals("array")) {
            throw new WireFormatException("expected </array>");
        }
        return out;
    }

    private static Map<String, Object> readStruct(XMLStreamReader r, int depth) throws XMLStreamException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
            requireName(r, "member");
            String name = null;
            Object value = null;
            boolean hasValue = false;
            while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "name" -> name = r.getElementText();
                    case "value" -> {
                        value = readValue(r, depth + 1);
                        hasValue = true;
                    }
                    default -> throw new WireFormatException("unexpected <" + r.getLocalName() + "> in <member>");
                }
            }
            if (name == null || !hasValue) {
                throw new WireFormatException("struct member without name or value");
            }
            out.put(name, value);
        }
        return out;
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new WireFormatException("bad int " + s);
        }
    }

    private static void skipToEnd(XMLStreamReader r) throws XMLStreamException {
        int level = 1;
        while (level > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                level++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                level--;
            }
        }
    }

    /** Next start or end tag, skipping whitespace and comments; other text is an error. */
    private static int nextTag(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return ev;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!r.isWhiteSpace()) {
                        throw new WireFormatException("unexpected text");
                    }
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION,
                     XMLStreamConstants.START_DOCUMENT, XMLStreamConstants.DTD -> {
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new WireFormatException("unexpected end of document");
                default -> throw new WireFormatException("unexpected XML event " + ev);
            }
        }
    }

    private static void expectStart(XMLStreamReader r, String name) throws XMLStreamException {
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT) {
            throw new WireFormatException("expected <" + name + ">");
        }
        if (name != null) {
            requireName(r, name);
        }
    }

    private static void requireName(XMLStreamReader r, String name) {
        if (!r.getLocalName().equals(name)) {
            throw new WireFormatException("expected <" + name + "> but found <" + r.getLocalName() + ">");
        }
    }
}
