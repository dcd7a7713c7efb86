package org.jxapi.api.impl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.api.impl.transport.ApiServer;
import org.jxapi.api.impl.transport.Servers;
import org.jxapi.db.Database;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.wire.JsonWire;
import org.jxapi.xenapi.wire.XmlRpcMessages;
import org.jxapi.xenapi.wire.XmlRpcParser;
import org.osgi.util.converter.Converters;

/**
 * A XenAPI server for tests: an in-memory database, the core and the transport on a free port,
 * and a tiny JSON-RPC and XML-RPC client speaking real HTTP to it.
 */
public final class TestHost implements AutoCloseable {
    public static final String ROOT_PASSWORD = "test-root-password";
    public final DatabaseImpl db;
    public final XenApiCore core;
    public final ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final java.util.concurrent.atomic.AtomicLong id = new java.util.concurrent.atomic.AtomicLong();

    public TestHost(Path dataDir) throws Exception {
        this(dataDir, Map.of());
    }

    public TestHost(Path dataDir, Map<String, Object> coreProps) throws Exception {
        this(dataDir, coreProps, DbOptions.inMemory(), Map.of());
    }

    public TestHost(Path dataDir, Map<String, Object> coreProps, DbOptions dbOptions, Map<String, Object> serverProps)
            throws Exception {
        this(dataDir, coreProps, dbOptions, serverProps, java.time.Clock.systemUTC());
    }

    public TestHost(Path dataDir, Map<String, Object> coreProps, java.time.Clock clock) throws Exception {
        this(dataDir, coreProps, DbOptions.inMemory(), Map.of(), clock);
    }

    public TestHost(Path dataDir, Map<String, Object> coreProps, DbOptions dbOptions, Map<String, Object> serverProps,
            java.time.Clock clock) throws Exception {
        db = DatabaseImpl.open(dbOptions);
        Map<String, Object> p = new HashMap<>();
        p.put("root.password", ROOT_PASSWORD);
        p.put("data.dir", dataDir.toString());
        p.putAll(coreProps);
        core = new XenApiCore(db, Converters.standardConverter().convert(p).to(XenApiCoreConfig.class), clock);
        Map<String, Object> sp = new HashMap<>(serverProps);
        sp.put("data.dir", dataDir.toString());
        server = Servers.start(core, sp);
    }

    public Database database() {
        return db;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    public HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON-RPC 2.0 call; returns the parsed response object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json(String method, Object... params) throws Exception {
        StringBuilder sb = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":").append(id.incrementAndGet()).append(",\"method\":\"")
                .append(method).append("\",\"params\":[");
        for (int i = 0; i < params.length; i++) {
            sb.append(i > 0 ? "," : "").append(toJson(params[i]));
        }
        sb.append("]}");
        HttpResponse<String> r = post("/jsonrpc", sb.toString(), "application/json");
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return (Map<String, Object>) JsonWire.parseValue(new java.io.ByteArrayInputStream(r.body().getBytes()));
    }

    /** The result of a JSON-RPC call, or an AssertionError with its error. */
    public Object ok(String method, Object... params) throws Exception {
        Map<String, Object> r = json(method, params);
        if (r.containsKey("error")) {
            throw new AssertionError(method + " failed: " + r.get("error"));
        }
        return r.get("result");
    }

    /** The error of a JSON-RPC call as [code, params...]. */
    @SuppressWarnings("unchecked")
    public List<String> error(String method, Object... params) throws Exception {
        Map<String, Object> r = json(method, params);
        Map<String, Object> e = (Map<String, Object>) r.get("error");
        if (e == null) {
            throw new AssertionError(method + " succeeded: " + r.get("result"));
        }
        List<String> out = new java.util.ArrayList<>();
        out.add((String) e.get("message"));
        for (Object o : (List<Object>) e.get("data")) {
            out.add((String) o);
        }
        return out;
    }

    public String login() throws Exception {
        return (String) ok("session.login_with_password", "root", ROOT_PASSWORD, "1.0", "test");
    }

    /** Makes a local account with this role and logs it in. */
    public String loginAs(String name, String role) throws Exception {
        if (core.list().stream().noneMatch(a -> a.name().equals(name))) {
            core.create(name, name + "-pw", role);
        }
        return (String) ok("session.login_with_password", name, name + "-pw", "1.0", "test");
    }

    /** An XML-RPC call with untyped string parameters; returns the envelope. */
    public Map<?, ?> xml(String method, List<Object> params, List<XenApiType> types) throws Exception {
        HttpResponse<String> r = post("/", XmlRpcMessages.call(method, params, types), "text/xml");
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return (Map<?, ?>) XmlRpcParser.parseResponse(new java.io.ByteArrayInputStream(r.body().getBytes()));
    }

    static String toJson(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? "," : "").append(toJson(l.get(i)));
            }
            return sb.append("]").toString();
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(i++ > 0 ? "," : "").append(toJson(e.getKey().toString())).append(":").append(toJson(e.getValue()));
            }
            return sb.append("}").toString();
        }
        throw new IllegalArgumentException("cannot write " + o.getClass());
    }

    @Override
    public void close() throws Exception {
        server.getClass();
        java.lang.reflect.Method m = ApiServer.class.getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(server);
        java.lang.reflect.Method d = XenApiCore.class.getDeclaredMethod("deactivate");
        d.setAccessible(true);
        d.invoke(core);
        db.close();
    }
}
