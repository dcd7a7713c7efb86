package org.jxapi.api.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Bodies for the fuzz test: valid calls bent out of shape, random values in typed places, noise. */
final class Mutants {
    private static final String[] XML_VALUES = {"<string>x</string>", "<int>12</int>", "<i4>-1</i4>",
            "<boolean>1</boolean>", "<double>1.5e300</double>", "<dateTime.iso8601>20250101T00:00:00Z</dateTime.iso8601>",
            "<array><data><value>a</value></data></array>", "<struct><member><name>k</name><value>v</value></member></struct>",
            "<base64>AAEC</base64>", "", "OpaqueRef:NULL", "<nil/>", "<struct></struct>", "<array><data></data></array>"};
    private static final String[] JSON_VALUES = {"\"x\"", "12", "-1", "true", "null", "1.5e300", "[]", "{}",
            "[[[[]]]]", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}", "\"OpaqueRef:NULL\"", "99999999999999999999999",
            "\"\\u0000\"", "-0.0", "\"" + "y".repeat(5000) + "\""};

    private Mutants() {
    }

    /** Methods that could block the fuzzer with a real session are only called with bad sessions. */
    private static boolean blocking(String method) {
        return method.contains("event.");
    }

    static String xml(Random rnd, List<String> methods, String session) {
        String method = pick(rnd, methods);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            String v = i == 0 && session != null && !blocking(method) && rnd.nextInt(3) > 0 ? session
                    : XML_VALUES[rnd.nextInt(XML_VALUES.length)];
            sb.append("<param><value>").append(v).append("</value></param>");
        }
        return sb.append("</params></methodCall>").toString();
    }

    static String json(Random rnd, List<String> methods, String session) {
        String method = pick(rnd, methods);
        StringBuilder sb = new StringBuilder("{\"jsonrpc\":\"2.0\",\"method\":\"").append(method).append("\",\"params\":[");
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            String v = i == 0 && session != null && !blocking(method) && rnd.nextInt(3) > 0 ? "\"" + session + "\""
                    : JSON_VALUES[rnd.nextInt(JSON_VALUES.length)];
            sb.append(i > 0 ? "," : "").append(v);
        }
        return sb.append("],\"id\":").append(rnd.nextInt(1000)).append('}').toString();
    }

    private static String pick(Random rnd, List<String> methods) {
        return switch (rnd.nextInt(10)) {
            case 0 -> "no.such_method";
            case 1 -> "";
            default -> methods.get(rnd.nextInt(methods.size()));
        };
    }

    /** The body as sent: often intact, otherwise truncated, corrupted, nested deeply, or noise. */
    static byte[] bytes(Random rnd, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        switch (rnd.nextInt(10)) {
            case 0: {
                byte[] noise = new byte[rnd.nextInt(300)];
                rnd.nextBytes(noise);
                return noise;
            }
            case 1:
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 2: {
                for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                return b;
            }
            case 3: {
                int depth = 100 + rnd.nextInt(2000);
                String open = body.startsWith("{") ? "[" : "<value><array><data>";
                String close = body.startsWith("{") ? "]" : "</data></array></value>";
                return (open.repeat(depth) + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
            }
            case 4:
                return body.replace("\"params\"", "\"parms\"").replace("<methodName>", "<method>")
                        .getBytes(StandardCharsets.UTF_8);
            default:
                return b;
        }
    }
}
