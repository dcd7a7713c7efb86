package org.jxapi.api.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.db.impl.DbOptions;

/** event.from and the legacy register/next, as clients see them over JSON-RPC. */
class EventsTest {
    @TempDir
    Path dir;
    private TestHost host;

    private TestHost start(DbOptions db) throws Exception {
        host = new TestHost(dir, Map.of(), db, Map.of());
        return host;
    }

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Object batch) {
        return (List<Map<String, Object>>) ((Map<String, Object>) batch).get("events");
    }

    /** Until this many long polls are parked in the server, waiting for a commit. */
    private void awaitParked(int waiters) {
        await().atMost(Duration.ofSeconds(10)).until(() -> host.core.parkedEventWaiters() >= waiters);
    }

    private static String token(Object batch) {
        return (String) ((Map<?, ?>) batch).get("token");
    }

    @Test
    void theEmptyTokenGivesEveryObjectAndTokensCompareAsStrings() throws Exception {
        start(DbOptions.inMemory());
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of("name_label", "a"));
        Object batch = host.ok("event.from", s, List.of("vm"), "", 1.0);
        assertTrue(events(batch).stream().anyMatch(e -> e.get("ref").equals(vm) && e.get("operation").equals("add")
                && e.get("class").equals("vm") && ((Map<?, ?>) e.get("snapshot")).get("name_label").equals("a")));
        assertEquals(1L, ((Map<?, ?>) ((Map<?, ?>) batch).get("valid_ref_counts")).get("vm"));
        String t1 = token(batch);
        host.ok("VM.set_name_label", s, vm, "b");
        String t2 = token(host.ok("event.from", s, List.of("vm"), t1, 1.0));
        assertTrue(t2.compareTo(t1) > 0 && t1.length() == t2.length(), t1 + " then " + t2);
    }

    @Test
    void aWaitingWatcherWakesWhenAnotherClientChangesSomething() throws Exception {
        start(DbOptions.inMemory());
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of());
        String token = (String) host.ok("event.inject", s, "VM", vm);
        // Drain the injected change first.
        token = token(host.ok("event.from", s, List.of("vm"), token, 1.0));
        String from = token;
        long t0 = System.nanoTime();
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return host.ok("event.from", s, List.of("vm"), from, 30.0);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        awaitParked(1);
        for (int i = 0; i < 5; i++) {
            host.ok("VM.set_name_description", s, vm, "d" + i);
        }
        Object batch = waiting.get(20, TimeUnit.SECONDS);
        assertTrue((System.nanoTime() - t0) / 1_000_000_000.0 < 10, "the watcher slept through the change");
        List<Map<String, Object>> evs = events(batch);
        assertTrue(evs.size() >= 1 && evs.size() <= 5, evs.toString());
        assertEquals("mod", evs.get(evs.size() - 1).get("operation"));
        // Repeated changes coalesce: asking again from the same token gives one event with the last state.
        List<Map<String, Object>> again = events(host.ok("event.from", s, List.of("vm"), from, 1.0));
        assertEquals(1, again.size());
        assertEquals("d4", ((Map<?, ?>) again.get(0).get("snapshot")).get("name_description"));
    }

    @Test
    void watchersAskingTheSameQuestionShareOneBatchAndOneEncoding() throws Exception {
        start(DbOptions.inMemory());
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of("name_label", "shared"));
        String token = token(host.ok("event.from", s, List.of("vm"), "", 0.0));
        var events = new org.jxapi.api.impl.event.EventService(host.db);
        CompletableFuture<org.jxapi.xenapi.model.EventBatch> a = events.from(java.util.Set.of("vm"), token, 10.0);
        CompletableFuture<org.jxapi.xenapi.model.EventBatch> b = events.from(java.util.Set.of("vm"), token, 10.0);
        CompletableFuture<org.jxapi.xenapi.model.EventBatch> other = events.from(java.util.Set.of("vm/" + vm), token, 10.0);
        host.ok("VM.set_name_label", s, vm, "renamed");
        org.jxapi.xenapi.model.EventBatch first = a.get(10, TimeUnit.SECONDS);
        assertTrue(first == b.get(10, TimeUnit.SECONDS), "the same question gets the same batch object");
        assertTrue(first != other.get(10, TimeUnit.SECONDS), "another subscription gets its own");
        assertEquals(first.events(), other.get().events());
        // Over the wire, both watchers still get complete, correct answers with their own ids.
        CompletableFuture<Map<String, Object>> w1 = CompletableFuture.supplyAsync(() -> json(s, token));
        CompletableFuture<Map<String, Object>> w2 = CompletableFuture.supplyAsync(() -> json(s, token));
        // Both questions are in: answered already (the token is older than the rename) or parked.
        await().atMost(Duration.ofSeconds(10)).until(() -> (w1.isDone() ? 1 : 0) + (w2.isDone() ? 1 : 0)
                + host.core.parkedEventWaiters() >= 2);
        host.ok("VM.set_name_label", s, vm, "again");
        Map<String, Object> r1 = w1.get(10, TimeUnit.SECONDS);
        Map<String, Object> r2 = w2.get(10, TimeUnit.SECONDS);
        assertEquals(r1.get("result"), r2.get("result"));
        assertTrue(!r1.get("id").equals(r2.get("id")), "each answer carries its own request id");
        events.shutdown();
    }

    private Map<String, Object> json(String s, String token) {
        try {
            return host.json("event.from", s, List.of("vm"), token, 10.0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void subscriptionsToOneObjectSeeOnlyIt() throws Exception {
        start(DbOptions.inMemory());
        String s = host.login();
        String a = (String) host.ok("VM.create", s, Map.of());
        String b = (String) host.ok("VM.create", s, Map.of());
        String t = token(host.ok("event.from", s, List.of("vm/" + a), "", 0.0));
        host.ok("VM.set_name_label", s, b, "not watched");
        host.ok("VM.set_name_label", s, a, "watched");
        List<Map<String, Object>> evs = events(host.ok("event.from", s, List.of("vm/" + a), t, 1.0));
        assertEquals(1, evs.size());
        assertEquals(a, evs.get(0).get("ref"));
    }

    @Test
    void badTokensAndSubscriptionsAreRefusedWithTheOriginalsErrors() throws Exception {
        start(DbOptions.inMemory());
        String s = host.login();
        assertEquals(List.of("EVENT_FROM_TOKEN_PARSE_FAILURE", "not-a-token"),
                host.error("event.from", s, List.of("vm"), "not-a-token", 1.0));
        assertEquals(List.of("EVENT_SUBSCRIPTION_PARSE_FAILURE", "nonsense"),
                host.error("event.from", s, List.of("nonsense"), "", 1.0));
        assertTrue((Long) host.ok("event.get_current_id", s) > 0);
    }

    @Test
    void aReaderOlderThanTheKeptHistoryIsToldEventsWereLost() throws Exception {
        start(new DbOptions(null, false, Long.MAX_VALUE, 16));
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of());
        String old = token(host.ok("event.from", s, List.of("vm"), "", 0.0));
        for (int i = 0; i < 40; i++) {
            host.ok("VM.set_name_label", s, vm, "n" + i);
        }
        assertEquals(List.of("EVENTS_LOST"), host.error("event.from", s, List.of("vm"), old, 1.0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLegacyRegisterAndNextDeliverAndUnblockOnLogout() throws Exception {
        start(DbOptions.inMemory());
        String s = host.login();
        assertEquals(List.of("SESSION_NOT_REGISTERED", s), host.error("event.next", s));
        host.ok("event.register", s, List.of("vm"));
        String vm = (String) host.ok("VM.create", s, Map.of());
        List<Map<String, Object>> evs = (List<Map<String, Object>>) host.ok("event.next", s);
        assertTrue(evs.stream().anyMatch(e -> e.get("ref").equals(vm)));
        String other = host.login();
        CompletableFuture<List<String>> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                host.ok("event.register", other, List.of("SR"));
                return host.error("event.next", other);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        awaitParked(1);
        host.ok("session.logout", other);
        assertEquals("SESSION_INVALID", blocked.get(10, TimeUnit.SECONDS).get(0));
    }

    @Test
    void messagesTakePart() throws Exception {
        start(DbOptions.inMemory());
        String s = host.login();
        String t = token(host.ok("event.from", s, List.of("message"), "", 0.0));
        host.database().write(tx -> tx.create("message", Map.of("name", "ALERT", "priority", 3L, "body", "hi")));
        List<Map<String, Object>> evs = events(host.ok("event.from", s, List.of("message"), t, 5.0));
        assertEquals(1, evs.size());
        assertEquals("message", evs.get(0).get("class"));
    }
}
