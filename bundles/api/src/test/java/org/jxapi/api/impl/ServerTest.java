package org.jxapi.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.xenapi.model.XenApiType;

class ServerTest {
    @TempDir
    Path dir;
    private TestHost host;

    @BeforeEach
    void start() throws Exception {
        host = new TestHost(dir);
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    @Test
    void loginCreateReadAndDestroyOverJsonRpc() throws Exception {
        String s = host.login();
        assertTrue(s.startsWith("OpaqueRef:"));
        String vm = (String) host.ok("VM.create", s, Map.of("name_label", "web", "memory_static_max", 1 << 30,
                "VCPUs_max", 2));
        @SuppressWarnings("unchecked")
        Map<String, Object> rec = (Map<String, Object>) host.ok("VM.get_record", s, vm);
        assertEquals("web", rec.get("name_label"));
        assertEquals(1L << 30, rec.get("memory_static_max"));
        assertEquals("Halted", rec.get("power_state"));
        assertEquals("web", host.ok("VM_get_name_label", s, vm));
        host.ok("VM.set_name_label", s, vm, "web2");
        host.ok("VM.add_to_other_config", s, vm, "k", "v");
        assertEquals(List.of("MAP_DUPLICATE_KEY", "VM", "other_config", (String) rec.get("uuid"), "k"),
                host.error("VM.add_to_other_config", s, vm, "k", "w"));
        assertEquals(vm, host.ok("VM.get_by_uuid", s, rec.get("uuid")));
        assertEquals(List.of(vm), host.ok("VM.get_by_name_label", s, "web2"));
        assertEquals(1, ((Map<?, ?>) host.ok("VM.get_all_records_where", s, "field \"name_label\"=\"web2\"")).size());
        host.ok("VM.destroy", s, vm);
        assertEquals(List.of("HANDLE_INVALID", "VM", vm), host.error("VM.get_record", s, vm));
    }

    @Test
    void badCallsGetTheOriginalsErrors() throws Exception {
        String s = host.login();
        assertEquals(List.of("SESSION_AUTHENTICATION_FAILED"),
                host.error("session.login_with_password", "root", "wrong"));
        assertEquals(List.of("MESSAGE_METHOD_UNKNOWN", "VM.no_such_call"), host.error("VM.no_such_call", s));
        assertEquals(List.of("MESSAGE_PARAMETER_COUNT_MISMATCH", "VM.get_record", "2", "1"),
                host.error("VM.get_record", s));
        assertEquals(List.of("SESSION_INVALID", "OpaqueRef:nope"), host.error("VM.get_all", "OpaqueRef:nope"));
        assertEquals(List.of("FIELD_TYPE_ERROR", "value"), host.error("VM.set_VCPUs_max", s, "OpaqueRef:x", "four"));
        assertEquals(List.of("UUID_INVALID", "VM", "00000000-0000-0000-0000-000000000000"),
                host.error("VM.get_by_uuid", s, "00000000-0000-0000-0000-000000000000"));
        assertEquals(List.of("NOT_IMPLEMENTED", "VM.start"), host.error("VM.start", s, "OpaqueRef:x", false, false));
    }

    @Test
    void malformedBodiesGetHttp500() throws Exception {
        HttpResponse<String> r = host.post("/", "<methodCall><methodName>x</methodName><params>", "text/xml");
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("HTTP 500 internal server error"));
        r = host.post("/jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"session.login_with_password\",\"id\":0}",
                "application/json");
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("Malformed_method_request"), r.body());
    }

    @Test
    void jsonRpcAnswersWithExactlyApplicationJsonAndBothVersions() throws Exception {
        HttpResponse<String> r = host.post("/jsonrpc",
                "{\"method\":\"session.login_with_password\",\"params\":[\"root\",\"" + TestHost.ROOT_PASSWORD
                        + "\"],\"id\":\"a\"}", "application/json");
        assertEquals(List.of("application/json"), r.headers().allValues("content-type"));
        assertTrue(r.body().contains("\"error\":null"), r.body());
        assertTrue(r.body().endsWith("\"id\":\"a\"}"), r.body());
        r = host.post("/json", "{\"method\":\"session.login_with_password\",\"params\":[\"root\",\"bad\"]}",
                "application/json");
        assertEquals("{\"Status\":\"Failure\",\"ErrorDescription\":[\"SESSION_AUTHENTICATION_FAILED\"]}", r.body());
    }

    @Test
    void xmlRpcSessionsWorkOverJsonRpcAndIntsTravelAsStrings() throws Exception {
        Map<?, ?> env = host.xml("session.login_with_password", List.of("root", TestHost.ROOT_PASSWORD),
                List.of(XenApiType.Primitive.STRING, XenApiType.Primitive.STRING));
        assertEquals("Success", env.get("Status"));
        String s = (String) env.get("Value");
        String net = (String) host.ok("network.create", s, Map.of("name_label", "n"));
        assertNotNull(net);
        Map<?, ?> mtu = host.xml("network.get_MTU", List.of(s, net),
                List.of(XenApiType.Primitive.STRING, XenApiType.Primitive.STRING));
        assertEquals("Success", mtu.get("Status"));
        assertEquals("1500", mtu.get("Value"));
        Map<?, ?> methods = host.xml("system.listMethods", List.of(), List.of());
        List<?> names = (List<?>) methods.get("Value");
        assertTrue(names.contains("VM.get_record") && names.contains("Async.VM.start")
                && names.contains("VM.get_all_records_where"), "listMethods is missing names");
    }

    @Test
    void corsPreflightIsAnswered() throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(host.uri("/jsonrpc"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://xo.example").header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("http://xo.example", r.headers().firstValue("access-control-allow-origin").orElse(""));
        assertTrue(r.headers().firstValue("access-control-allow-methods").orElse("").contains("POST"));
    }
}
