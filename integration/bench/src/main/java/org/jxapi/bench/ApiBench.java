package org.jxapi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jxapi.xenapi.model.Ref;

/**
 * The XenAPI benchmark of issue 4: JSON-RPC VM.get_record calls per second over 1 and 32
 * keep-alive connections, and the time from a commit to the wake-up of 100 clients waiting in
 * event.from (p50, p99). Runs the server in this JVM on a durable database.
 */
public final class ApiBench {
    private static final Pattern RESULT = Pattern.compile("\"result\":\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]*)\"");
    private static final Pattern SEQ = Pattern.compile("\"name_description\":\"seq-(\\d+)\"");

    private ApiBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
        int watchers = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("jxapi-apibench");
        System.out.println("machine: " + BenchSupport.machine());
        try (InProcessServer srv = new InProcessServer(dir)) {
            String session;
            String vm;
            try (RawHttp c = new RawHttp("127.0.0.1", srv.port())) {
                session = result(c.post("/jsonrpc", call("session.login_with_password", "\"root\"", "\"" + InProcessServer.PASSWORD + "\"")));
                vm = result(c.post("/jsonrpc", call("VM.create", q(session), "{\"name_label\":\"bench\",\"memory_static_max\":1073741824,"
                        + "\"VCPUs_max\":2,\"other_config\":{\"a\":\"b\"},\"platform\":{\"acpi\":\"1\",\"apic\":\"true\"}}")));
            }
            for (int conns : new int[] {1, 32}) {
                getRecord(srv.port(), session, vm, conns, seconds);
            }
            // A warm-up run (not printed) compiles the wake-up path, then the measured run.
            eventLatency(srv, session, vm, watchers, seconds, false);
            eventLatency(srv, session, vm, watchers, seconds, true);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void getRecord(int port, String session, String vm, int conns, double seconds) throws Exception {
        String body = call("VM.get_record", q(session), q(vm));
        LongAdder done = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < conns; i++) {
            threads.add(new Thread(() -> {
                try (RawHttp c = new RawHttp("127.0.0.1", port)) {
                    while (!stop.get()) {
                        String r = c.post("/jsonrpc", body);
                        if (!r.contains("\"name_label\":\"bench\"")) {
                            throw new IllegalStateException("bad answer " + r);
                        }
                        if (measuring.get()) {
                            done.increment();
                        }
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(1500);
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        measuring.set(false);
        long ns = System.nanoTime() - t0;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.peek());
        }
        System.out.printf("JSON-RPC VM.get_record, %2d keep-alive connections: %,.0f calls/s%n", conns,
                done.sum() / (ns / 1e9));
    }

    private static void eventLatency(InProcessServer srv, String session, String vm, int watchers, double seconds,
            boolean print) throws Exception {
        Map<Long, Long> committedAt = new ConcurrentHashMap<>();
        Map<Long, Long> returnedAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<long[]> wakes = new ConcurrentLinkedQueue<>();
        List<Long> commits = new ArrayList<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < watchers; i++) {
            threads.add(new Thread(() -> {
                try (RawHttp c = new RawHttp("127.0.0.1", srv.port())) {
                    String token = token(c.post("/jsonrpc", call("event.from", q(session), "[\"vm\"]", "\"\"", "0.0")));
                    while (!stop.get()) {
                        String r = c.post("/jsonrpc", call("event.from", q(session), "[\"vm/" + vm + "\"]", q(token), "5.0"));
                        long now = System.nanoTime();
                        token = token(r);
                        Matcher m = SEQ.matcher(r);
                        while (m.find()) {
                            long seqSeen = Long.parseLong(m.group(1));
                            Long at = committedAt.get(seqSeen);
                            if (at != null) {
                                latencies.add(now - at);
                                wakes.add(new long[] {seqSeen, now});
                            }
                        }
                    }
                } catch (Throwable t) {
                    if (!stop.get()) {
                        errors.add(t);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(2000);
        Ref<Object> ref = Ref.of(vm);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long seq = 0;
        while (System.nanoTime() < end) {
            long s = ++seq;
            long before = System.nanoTime();
            committedAt.put(s, before);
            srv.db.write(tx -> {
                tx.set("VM", ref, "name_description", "seq-" + s);
                return null;
            });
            long returned = System.nanoTime();
            returnedAt.put(s, returned);
            commits.add(returned - before);
            Thread.sleep(50);
        }
        Thread.sleep(500);
        stop.set(true);
        // Wake the watchers so that they see the stop flag.
        srv.db.write(tx -> {
            tx.set("VM", ref, "name_description", "done");
            return null;
        });
        for (Thread t : threads) {
            t.join(10_000);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.peek());
        }
        if (!print) {
            return;
        }
        long[] l = latencies.stream().mapToLong(Long::longValue).toArray();
        long[] sorted = BenchSupport.sorted(l);
        System.out.printf("event.from, %d watchers: commit to wake-up p50 %.2f ms, p99 %.2f ms (%,d wake-ups, %d commits;"
                        + " measured from before the commit, so it includes the commit's own fsync)%n", watchers,
                BenchSupport.percentile(sorted, 50), BenchSupport.percentile(sorted, 99), l.length, seq);
        long[] c = BenchSupport.sorted(commits.stream().mapToLong(Long::longValue).toArray());
        // The commit point lies between the call and its return (a watcher may even wake before the
        // writer's thread runs again): the figure above is an upper bound, this one a lower bound.
        long[] fromReturn = BenchSupport.sorted(wakes.stream()
                .filter(w -> returnedAt.containsKey(w[0])).mapToLong(w -> w[1] - returnedAt.get(w[0])).toArray());
        System.out.printf("    the commit itself (call to return, with its fsync): p50 %.2f ms, p99 %.2f ms;"
                        + " wake-up measured from the commit's return: p50 %.2f ms, p99 %.2f ms%n",
                BenchSupport.percentile(c, 50), BenchSupport.percentile(c, 99),
                BenchSupport.percentile(fromReturn, 50), BenchSupport.percentile(fromReturn, 99));
    }

    private static String call(String method, String... params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + String.join(",", params) + "]}";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static String result(String r) {
        Matcher m = RESULT.matcher(r);
        if (!m.find()) {
            throw new IllegalStateException("no result in " + r);
        }
        return m.group(1);
    }

    private static String token(String r) {
        Matcher m = TOKEN.matcher(r);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + r);
        }
        return m.group(1);
    }
}
