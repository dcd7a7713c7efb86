package org.jxapi.common.rpc;

import static org.junit.jupiter.api.Assertions.*;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport on its own, with a tiny API: dispatch, envelopes, errors, the socket and its client. */
class RpcTransportTest {
    @TempDir
    Path dir;
    Path socket;
    CalcService service;
    RpcDispatcher dispatcher;
    UnixRpcServer server;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        socket = dir.resolve("calc.sock");
        service = new CalcService();
        dispatcher = new RpcDispatcher(CalcBinding.TABLE, service, CalcBinding.ERRORS);
        server = new UnixRpcServer(socket, dispatcher, "calc-rpc");
        server.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        service.release.countDown();
        for (AutoCloseable c : closing) {
            c.close();
        }
        server.stop();
    }

    private CalcBinding.CalcClient client() {
        CalcBinding.CalcClient c = RpcClient.proxy(CalcBinding.CalcClient.class,
                new RpcClient(socket, CalcBinding.TABLE, CalcBinding.ERRORS, "calc-client"),
                (proxy, method, args) -> method.getName().equals("notACall") ? "answered locally" : null);
        closing.add(c);
        return c;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> handle(String body) {
        return (Map<String, Object>) CalcBinding.CODEC.parse(dispatcher.handle(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void callsRoundTripThroughTheSocket() {
        CalcBinding.CalcClient c = client();
        assertEquals(5, c.add(2, 3));
        assertEquals("hello you", c.greet("you"), "a unit parameter past the method's own is sent as null");
        assertEquals(new Calc.Point(1, 2), c.norm(new Calc.Point(-1, 2)));
        assertEquals(7, c.sum(Map.of("a", 3L, "b", 4L)), "a pairs parameter goes as [key, value] lists");
        assertEquals("none", c.maybe(null));
        assertEquals("some x", c.maybe("x"));
        assertEquals("answered locally", c.notACall(), "a method outside the table goes to the local handler");
    }

    @Test
    void requestsMayBeNamedOr10AndAliasesAreAccepted() {
        Map<String, Object> named = handle("{\"jsonrpc\": \"2.0\", \"method\": \"Calc.add\", \"params\": {\"a\": 1, \"b\": 2}, \"id\": 1}");
        assertEquals(3L, named.get("result"));
        assertEquals("2.0", named.get("jsonrpc"));
        Map<String, Object> wrapped = handle("{\"method\": \"CALC.add\", \"params\": [{\"a\": 1, \"b\": 5}], \"id\": \"x\"}");
        assertEquals(6L, wrapped.get("result"));
        assertEquals("x", wrapped.get("id"));
        assertTrue(wrapped.containsKey("error") && wrapped.get("error") == null, "a 1.0 response has error null");
        Map<String, Object> option = handle("{\"method\": \"Calc.maybe\", \"params\": [[\"y\"]], \"id\": 2}");
        assertEquals("some y", option.get("result"));
        Map<String, Object> pairs = handle("{\"method\": \"Calc.sum\", \"params\": [[[\"a\", 1], [\"b\", 2]]], \"id\": 3}");
        assertEquals(3L, pairs.get("result"));
    }

    @Test
    void anUnknownMethodIsMethodNotFoundWithTheApisError() {
        Map<?, ?> err = (Map<?, ?>) handle("{\"jsonrpc\": \"2.0\", \"method\": \"Calc.nope\", \"params\": [], \"id\": 1}")
                .get("error");
        assertEquals((long) RpcError.METHOD_NOT_FOUND, err.get("code"));
        assertEquals(List.of("REFUSED", "Calc.nope"), err.get("data"));
        Map<?, ?> parse = (Map<?, ?>) handle("{not json").get("error");
        assertEquals((long) RpcError.PARSE_ERROR, parse.get("code"));
        Map<?, ?> notObject = (Map<?, ?>) handle("[1, 2]").get("error");
        assertEquals((long) RpcError.INVALID_REQUEST, notObject.get("code"));
    }

    @Test
    void aBadParameterIsInvalidParamsAndNeverReachesTheImplementation() {
        Map<?, ?> err = (Map<?, ?>) handle("{\"jsonrpc\": \"2.0\", \"method\": \"Calc.add\", \"params\": [\"one\", 2],"
                + " \"id\": 1}").get("error");
        assertEquals((long) RpcError.INVALID_PARAMS, err.get("code"));
        assertTrue(String.valueOf(err.get("data")).contains("parameter 0 (a): expected a number"), err.toString());
        Map<?, ?> record = (Map<?, ?>) handle("{\"jsonrpc\": \"2.0\", \"method\": \"Calc.norm\", \"params\": [\"p\"],"
                + " \"id\": 2}").get("error");
        assertEquals((long) RpcError.INVALID_PARAMS, record.get("code"));
    }

    @Test
    void errorsCrossAsTheApisOwnBothWays() {
        CalcBinding.CalcClient c = client();
        Calc.CalcException e = assertThrows(Calc.CalcException.class, () -> c.fail("NOPE"));
        assertEquals("NOPE", e.code);
        assertEquals("INTERNAL", assertThrows(Calc.CalcException.class, c::boom).code,
                "an unexpected exception is the API's internal error");
        Map<String, Object> v1 = handle("{\"method\": \"Calc.fail\", \"params\": [\"X\"], \"id\": 1}");
        assertEquals(List.of("X", "from the server"), v1.get("error"), "a 1.0 error is the API's error itself");
        assertNull(v1.get("result"));
        Map<?, ?> v2 = (Map<?, ?>) handle("{\"jsonrpc\": \"2.0\", \"method\": \"Calc.fail\", \"params\": [\"X\"], \"id\": 1}")
                .get("error");
        assertEquals((long) RpcError.SERVER_ERROR, v2.get("code"));
        assertEquals("X", v2.get("message"));
        assertEquals(List.of("X", "from the server"), v2.get("data"));
    }

    @Test
    void concurrentCallsRunAtOnceAndEachGetsItsOwnAnswer() throws Exception {
        CalcBinding.CalcClient c = client();
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n + 4);
        try {
            List<Future<List<String>>> slow = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "call-" + i;
                slow.add(pool.submit(() -> c.slow(id, 60_000)));
            }
            // All of them inside the implementation at once: none waits for another's connection.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> service.running.get() == n);
            List<Future<Long>> adds = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long a = i;
                adds.add(pool.submit(() -> c.add(a, 1000)));
            }
            for (int i = 0; i < adds.size(); i++) {
                assertEquals(i + 1000L, adds.get(i).get());
            }
            service.release.countDown();
            for (int i = 0; i < n; i++) {
                assertEquals("call-" + i, slow.get(i).get().get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRestartedServerReplacesAStaleSocketFileAndClientsCarryOn() throws Exception {
        CalcBinding.CalcClient c = client();
        assertEquals(3, c.add(1, 2));
        server.stop();
        assertFalse(Files.exists(socket), "stop removes the socket file");
        assertThrows(UncheckedIOException.class, () -> c.add(1, 2), "nobody listens");
        // What a process that died leaves behind: the file, nobody listening.
        Files.writeString(socket, "stale");
        server = new UnixRpcServer(socket, dispatcher, "calc-rpc");
        server.start();
        assertEquals(7, c.add(3, 4), "the same client reconnects");
        assertEquals(9, client().add(4, 5));
    }

    @Test
    void anInterruptedCallFailsAsTheApisCancelledAndTheClientCarriesOn() throws Exception {
        CalcBinding.CalcClient c = client();
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                c.slow("long", 60_000);
            } catch (RuntimeException e) {
                seen.set(e);
            }
        });
        caller.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> service.running.get() == 1);
        caller.interrupt();
        caller.join(30_000);
        assertFalse(caller.isAlive(), "the interrupted call returned");
        assertTrue(seen.get() instanceof Calc.CalcException e && e.code.equals("CANCELLED"), String.valueOf(seen.get()));
        assertEquals(5, c.add(2, 3), "the client carries on after an interrupted call");
    }

    @Test
    void answersLargerThanOneReadBufferArriveWhole() {
        CalcBinding.CalcClient c = client();
        String name = "x".repeat(300_000) + "end";
        String greeting = c.greet(name);
        assertTrue(greeting.contains(name), "the whole name came back: " + greeting.length() + " characters");
        assertEquals(3, c.add(1, 2), "the connection is still in step after a large answer");
    }
}
