package org.jxapi.itest.dist;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jxapi.xenapi.wire.JsonWire;

/** A bare JSON-RPC client for the tests' own calls ("another client" beside the one under test). */
final class XenApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private long id;
    private List<?> last = List.of();

    XenApiClient(String url) {
        this.url = url;
    }

    Object call(String method, Object... params) throws Exception {
        StringBuilder sb = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":").append(++id).append(",\"method\":\"")
                .append(method).append("\",\"params\":[");
        for (int i = 0; i < params.length; i++) {
            sb.append(i > 0 ? "," : "").append(json(params[i]));
        }
        sb.append("]}");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/jsonrpc"))
                .POST(HttpRequest.BodyPublishers.ofString(sb.toString())).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<?, ?> m = (Map<?, ?>) JsonWire.parseValue(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        if (m.get("error") != null) {
            Map<?, ?> e = (Map<?, ?>) m.get("error");
            List<Object> d = new java.util.ArrayList<>();
            d.add(e.get("message"));
            if (e.get("data") instanceof List<?> data) {
                d.addAll(data);
            }
            last = d;
            throw new AssertionError(method + " failed: " + m.get("error"));
        }
        return m.get("result");
    }

    /** The error of a call that must fail, as [code, params...]. */
    List<?> error(String method, Object... params) throws Exception {
        try {
            Object r = call(method, params);
            throw new IllegalStateException(method + " succeeded: " + r);
        } catch (AssertionError e) {
            return last;
        }
    }

    String login(String user, String password) throws Exception {
        return (String) call("session.login_with_password", user, password, "1.0", "itest");
    }

    String login() throws Exception {
        return (String) call("session.login_with_password", "root", RunningDistribution.ROOT_PASSWORD, "1.0", "itest");
    }

    private static String json(Object o) {
        if (o instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(i++ > 0 ? "," : "").append(json(e.getKey())).append(':').append(json(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? "," : "").append(json(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(o);
    }
}
