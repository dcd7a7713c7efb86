package org.jxapi.xenops.server.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.json.XenopsJson;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-RPC envelopes: 1.0 and 2.0, positional and named parameters, errors. */
class XenopsRpcDispatcherTest {
    @TempDir
    Path dir;
    Fixture f;
    XenopsRpcDispatcher rpc;

    @BeforeEach
    void setUp() {
        f = new Fixture(dir, new SimulatorBackend((Path) null), 2, 0);
        rpc = new XenopsRpcDispatcher(f.service);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String body) {
        return (Map<String, Object>) XenopsJson.parse(rpc.handle(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String VM = "{\"id\": \"v\", \"ty\": [\"PV\", {\"boot\": [\"Direct\", {\"kernel\": \"k\"}]}],"
            + " \"on_shutdown\": [\"Shutdown\"]}";

    @Test
    void positionalParametersWithTheDebugStringFirst() {
        Map<String, Object> r = call("{\"jsonrpc\": \"2.0\", \"method\": \"VM.add\", \"params\": [\"dbg\", " + VM
                + "], \"id\": 7}");
        assertEquals("2.0", r.get("jsonrpc"));
        assertEquals("v", r.get("result"));
        assertEquals(7L, r.get("id"));
        assertFalse(r.containsKey("error"));
    }

    @Test
    void namedParametersAsTheOriginalsClientsSendThem() {
        call("{\"method\": \"VM.add\", \"params\": [{\"debug_info\": \"d\", \"vm\": " + VM + "}], \"id\": 1}");
        Map<String, Object> r = call("{\"method\": \"VM.start\", \"params\": [{\"debug_info\": \"d\", \"id\": \"v\","
                + " \"paused\": false}], \"id\": 2}");
        assertTrue(r.containsKey("error") && r.get("error") == null, "a 1.0 response has error null");
        String task = (String) r.get("result");
        Map<String, Object> stat = call("{\"method\": \"Task.stat\", \"params\": [{\"debug_info\": \"d\", \"id\": \""
                + task + "\"}], \"id\": 3}");
        assertEquals(task, ((Map<?, ?>) stat.get("result")).get("id"));
        Map<String, Object> upper = call("{\"method\": \"TASK.stat\", \"params\": [\"d\", \"" + task + "\"], \"id\": 4}");
        assertEquals(task, ((Map<?, ?>) upper.get("result")).get("id"));
    }

    @Test
    void optionsMayBeBareNullOrLists() {
        call("{\"method\": \"VM.add\", \"params\": [\"d\", " + VM + "], \"id\": 1}");
        for (String timeout : List.of("null", "[]", "[1]", "1")) {
            Map<String, Object> r = call("{\"method\": \"UPDATES.get\", \"params\": [\"d\", null, " + timeout
                    + "], \"id\": 1}");
            List<?> result = (List<?>) r.get("result");
            assertEquals(3, result.size(), timeout);
        }
    }

    @Test
    void errorsCarryTheXenopsError() {
        Map<String, Object> v1 = call("{\"method\": \"VM.stat\", \"params\": [\"d\", \"nope\"], \"id\": 1}");
        assertEquals(List.of("Does_not_exist", List.of("VM", "nope")), v1.get("error"));
        assertNull(v1.get("result"));
        Map<String, Object> v2 = call("{\"jsonrpc\": \"2.0\", \"method\": \"VM.stat\", \"params\": [\"d\", \"nope\"],"
                + " \"id\": 1}");
        Map<?, ?> err = (Map<?, ?>) v2.get("error");
        assertEquals("Does_not_exist", err.get("message"));
        assertEquals(List.of("Does_not_exist", List.of("VM", "nope")), err.get("data"));
        Map<?, ?> unknown = (Map<?, ?>) call("{\"jsonrpc\": \"2.0\", \"method\": \"VM.frobnicate\", \"params\": [],"
                + " \"id\": 2}").get("error");
        assertEquals(-32601L, unknown.get("code"));
        assertEquals(List.of("Unimplemented", "VM.frobnicate"), unknown.get("data"));
        Map<?, ?> garbage = (Map<?, ?>) call("{not json").get("error");
        assertEquals(-32700L, garbage.get("code"));
        Map<?, ?> badParams = (Map<?, ?>) call("{\"jsonrpc\": \"2.0\", \"method\": \"VM.build\", \"params\": [\"d\", 5],"
                + " \"id\": 3}").get("error");
        assertEquals(-32602L, badParams.get("code"));
    }

    @Test
    void diagnosticsShowQueuesTasksAndUpdates() {
        call("{\"method\": \"VM.add\", \"params\": [\"d\", " + VM + "], \"id\": 1}");
        call("{\"method\": \"VM.delay\", \"params\": [\"d\", \"v\", 60], \"id\": 2}");
        String diag = (String) call("{\"method\": \"get_diagnostics\", \"params\": [\"d\", null], \"id\": 3}")
                .get("result");
        Map<?, ?> d = (Map<?, ?>) XenopsJson.parse(diag.getBytes(StandardCharsets.UTF_8));
        assertTrue(d.keySet().containsAll(List.of("queue", "worker_pool", "tasks", "updates", "vms")), diag);
        assertTrue(diag.contains("VM_delay"), diag);
    }
}
