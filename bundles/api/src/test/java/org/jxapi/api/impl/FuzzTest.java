package org.jxapi.api.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.xenapi.wire.JsonWire;
import org.jxapi.xenapi.wire.XmlRpcParser;

/**
 * At least 100,000 malformed XML-RPC and JSON-RPC bodies and wrongly typed calls: every request
 * gets an answer (HTTP 500, or a XenAPI envelope), the server keeps working, and the heap it uses
 * ends where it started.
 */
class FuzzTest {
    private static final int REQUESTS = 100_000;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void everyMalformedRequestIsAnsweredAndTheServerSurvives() throws Exception {
        try (TestHost host = new TestHost(dir)) {
            String session = host.login();
            List<String> methods = new ArrayList<>();
            for (Object m : (List<?>) host.ok("system.listMethods")) {
                methods.add((String) m);
            }
            // Warm up, so that the heap baseline includes what the server keeps anyway.
            fuzz(host, session, methods, 2_000, 99);
            long before = usedHeap();
            int[] counts = fuzz(host, session, methods, REQUESTS, 7);
            long after = usedHeap();
            assertTrue(counts[0] + counts[1] >= REQUESTS, "not every request was answered");
            // Still alive and still right.
            host.ok("VM.get_all", host.login());
            System.out.printf("fuzz: %,d requests, %,d HTTP 500, %,d XenAPI errors, %,d successes; heap %,d -> %,d bytes%n",
                    REQUESTS, counts[0], counts[1] - counts[2], counts[2], before, after);
            assertTrue(after - before < 48L << 20, "the heap grew by " + (after - before) / 1024 / 1024 + " MiB");
        }
    }

    /** Returns {HTTP 500s, envelopes, successes}. */
    private static int[] fuzz(TestHost host, String session, List<String> methods, int total, long seed)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger http500 = new AtomicInteger();
        AtomicInteger envelopes = new AtomicInteger();
        AtomicInteger successes = new AtomicInteger();
        AtomicReference<String> validSession = new AtomicReference<>(session);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random rnd = new Random(seed * 31 + t);
            threads.add(new Thread(() -> {
                FuzzClient client = new FuzzClient(host.server.httpPort());
                int i;
                while ((i = next.getAndIncrement()) < total && problems.size() < 5) {
                    boolean xml = rnd.nextBoolean();
                    String body = xml ? Mutants.xml(rnd, methods, validSession.get())
                            : Mutants.json(rnd, methods, validSession.get());
                    try {
                        FuzzClient.Reply r = client.post(xml ? "/" : "/jsonrpc", Mutants.bytes(rnd, body));
                        if (r.status() == 500) {
                            http500.incrementAndGet();
                        } else if (r.status() == 200) {
                            envelopes.incrementAndGet();
                            String error = check(xml, r.body());
                            if (error == null) {
                                successes.incrementAndGet();
                            } else if (error.equals("SESSION_INVALID") && validSession.get() != null
                                    && new String(r.body(), StandardCharsets.UTF_8).contains(validSession.get())) {
                                // A fuzzed session.logout hit the real session: log in again.
                                validSession.set(host.login());
                            }
                        } else {
                            problems.add("HTTP " + r.status() + " for " + body);
                        }
                    } catch (Exception e) {
                        problems.add(e + " for " + body);
                    }
                }
                try {
                    client.close();
                } catch (java.io.IOException ignored) {
                    // closing a test socket
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(problems.isEmpty(), "requests not properly answered: " + problems);
        return new int[] {http500.get(), envelopes.get(), successes.get()};
    }

    /** Null for a success envelope, the error code for a failure; throws if the envelope is not one. */
    private static String check(boolean xml, byte[] body) {
        if (xml) {
            Map<?, ?> env = (Map<?, ?>) XmlRpcParser.parseResponse(new ByteArrayInputStream(body));
            if ("Success".equals(env.get("Status"))) {
                return null;
            }
            if (!"Failure".equals(env.get("Status"))) {
                throw new AssertionError("bad XML-RPC envelope " + env);
            }
            return (String) ((List<?>) env.get("ErrorDescription")).get(0);
        }
        Map<?, ?> env = (Map<?, ?>) JsonWire.parseValue(new ByteArrayInputStream(body));
        Object error = env.get("error");
        if (error == null) {
            if (!env.containsKey("result")) {
                throw new AssertionError("bad JSON-RPC envelope " + env);
            }
            return null;
        }
        return error instanceof Map<?, ?> m ? (String) m.get("message") : (String) ((List<?>) error).get(0);
    }

    /** The used heap once collections stop freeing anything (two readings a collection apart within 1 MiB). */
    private static long usedHeap() {
        long[] last = {-1};
        await("the heap to settle").pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(20)).until(() -> {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    boolean settled = last[0] >= 0 && Math.abs(used - last[0]) < 1L << 20;
                    last[0] = used;
                    return settled;
                });
        return last[0];
    }
}
