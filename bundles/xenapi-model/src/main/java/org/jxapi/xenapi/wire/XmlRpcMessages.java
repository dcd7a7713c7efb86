package org.jxapi.xenapi.wire;

import java.util.List;

import org.jxapi.xenapi.model.XenApiType;

/** The XML-RPC envelopes of the XenAPI: a struct with {@code Status} and a value or an error. */
public final class XmlRpcMessages {
    private static final String HEAD = "<?xml version=\"1.0\"?><methodResponse><params><param>";
    private static final String TAIL = "</param></params></methodResponse>";

    private XmlRpcMessages() {
    }

    public static String success(Object value, XenApiType type) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(HEAD).append("<value><struct><member><name>Status</name><value>Success</value></member>")
                .append("<member><name>Value</name>");
        TypedEncoder.write(new XmlRpcWriter(sb), value, type);
        sb.append("</member></struct></value>").append(TAIL);
        return sb.toString();
    }

    public static String failure(List<String> description) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(HEAD).append("<value><struct><member><name>Status</name><value>Failure</value></member>")
                .append("<member><name>ErrorDescription</name><value><array><data>");
        for (String s : description) {
            sb.append("<value>");
            XmlRpcWriter.escape(sb, s);
            sb.append("</value>");
        }
        sb.append("</data></array></value></member></struct></value>").append(TAIL);
        return sb.toString();
    }

    /** A method call with typed parameters, as a client sends it. */
    public static String call(String method, List<Object> values, List<XenApiType> types) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?><methodCall><methodName>");
        XmlRpcWriter.escape(sb, method);
        sb.append("</methodName><params>");
        XmlRpcWriter w = new XmlRpcWriter(sb);
        for (int i = 0; i < values.size(); i++) {
            sb.append("<param>");
            TypedEncoder.write(w, values.get(i), types.get(i));
            sb.append("</param>");
        }
        sb.append("</params></methodCall>");
        return sb.toString();
    }
}
