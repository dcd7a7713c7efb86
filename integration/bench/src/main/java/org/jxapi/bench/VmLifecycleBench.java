package org.jxapi.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.jxapi.db.Row;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.jxapi.xenapi.wire.JsonWire;

/**
 * Issue 5's VM benchmark: N simulated VMs started and then shut down through the whole XenAPI
 * path (JSON-RPC over HTTP, Async.VM.start and Async.VM.hard_shutdown, their tasks followed with
 * event.from as clients do), with the xenops engine and simulator in this JVM. Prints the total
 * time and the per-VM latency (call to task success seen in event.from) p50 and p99.
 * Arguments: the VM counts (default 100 1000) and the client connections (default 16).
 */
public final class VmLifecycleBench {
    private VmLifecycleBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        int connections = 16;
        int rounds = 3;
        int warmups = 2;
        for (String a : args) {
            if (a.startsWith("--connections=")) {
                connections = Integer.parseInt(a.substring(14));
            } else if (a.startsWith("--rounds=")) {
                rounds = Math.max(1, Integer.parseInt(a.substring(9)));
            } else if (a.startsWith("--warmups=")) {
                warmups = Integer.parseInt(a.substring(10));
            } else {
                counts.add(Integer.parseInt(a));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(100, 1000);
        }
        System.out.println("machine: " + BenchSupport.machine());
        Path dir = Files.createTempDirectory("jxapi-vmbench");
        try (XapiHarness h = new XapiHarness(dir)) {
            String session;
            try (RawHttp c = new RawHttp("127.0.0.1", h.port())) {
                session = (String) result(c.post("/jsonrpc", call("session.login_with_password", "\"root\"",
                        "\"" + InProcessServer.PASSWORD + "\"")));
            }
            // Warm-up rounds at the largest size (not printed) let the JIT compile the whole path, as
            // JMH's warm-up iterations would; then each size is measured several times and the median
            // of the totals is printed with every round's figures.
            int largest = counts.stream().mapToInt(Integer::intValue).max().orElse(100);
            for (int i = 0; i < warmups; i++) {
                run(h, session, largest, connections, false);
            }
            for (int n : counts) {
                double[] totals = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    totals[r] = run(h, session, n, connections, true);
                }
                java.util.Arrays.sort(totals);
                System.out.printf("%,d VMs: median start+shutdown total of %d rounds %.2f s (after %d warm-up rounds of %,d)%n",
                        n, rounds, totals[rounds / 2], warmups, largest);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One round: n VMs created, started, shut down and destroyed; returns the start+shutdown seconds. */
    private static double run(XapiHarness h, String session, int n, int connections, boolean print) throws Exception {
        long c0 = System.nanoTime();
        String[] created = new String[n];
        // Set-up and tear-down are not measured: spread over the connections to keep rounds short.
        inParallel(h, connections, n, (c, i) -> created[i] = (String) result(c.post("/jsonrpc", call("VM.create",
                q(session), "{\"name_label\":\"bench-" + i + "\",\"memory_static_max\":268435456,"
                        + "\"memory_dynamic_max\":268435456,\"memory_dynamic_min\":268435456,"
                        + "\"VCPUs_max\":1,\"VCPUs_at_startup\":1,\"HVM_boot_policy\":\"BIOS order\"}"))));
        List<String> vms = List.of(created);
        long c1 = System.nanoTime();
        long[] startSpan = new long[2];
        long[] stopSpan = new long[2];
        long[] start = phase(h, session, vms, "Async.VM.start", ",false,false", connections, startSpan);
        check(h, vms, VmPowerState.RUNNING);
        long[] stop = phase(h, session, vms, "Async.VM.hard_shutdown", "", connections, stopSpan);
        check(h, vms, VmPowerState.HALTED);
        // The phases' own spans: from the first call to the last task seen finished.
        long t0 = 0;
        long t1 = startSpan[1] - startSpan[0];
        long t2 = t1 + stopSpan[1] - stopSpan[0];
        if (print) {
            long[] s = BenchSupport.sorted(start);
            long[] d = BenchSupport.sorted(stop);
            System.out.printf("%,d VMs: start+shutdown total %.2f s (starts %.2f s, shutdowns %.2f s); "
                            + "per-VM start p50 %.1f ms p99 %.1f ms, shutdown p50 %.1f ms p99 %.1f ms%n", n,
                    (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, BenchSupport.percentile(s, 50),
                    BenchSupport.percentile(s, 99), BenchSupport.percentile(d, 50), BenchSupport.percentile(d, 99));
        }
        long d0 = System.nanoTime();
        inParallel(h, connections, n, (c, i) -> result(c.post("/jsonrpc", call("VM.destroy", q(session), q(created[i])))));
        if (print) {
            System.out.printf("    (not measured: VM.create %.2f s, VM.destroy %.2f s)%n", (c1 - c0) / 1e9,
                    (System.nanoTime() - d0) / 1e9);
        }
        return (t2 - t0) / 1e9;
    }

    private interface IndexedCall {
        void call(RawHttp c, int i) throws Exception;
    }

    /** Runs {@code call} for 0..n-1 over {@code connections} connections, each on its own thread. */
    private static void inParallel(XapiHarness h, int connections, int n, IndexedCall call) throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            Thread th = new Thread(() -> {
                try (RawHttp c = new RawHttp("127.0.0.1", h.port())) {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        call.call(c, i);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.peek());
        }
    }

    private static void check(XapiHarness h, List<String> vms, VmPowerState expected) {
        for (String vm : vms) {
            Row r = h.srv.db.snapshot().require("VM", org.jxapi.xenapi.model.Ref.of(vm));
            if (r.get("power_state") != expected) {
                throw new IllegalStateException(vm + " is " + r.get("power_state") + ", not " + expected);
            }
        }
    }

    /**
     * Calls {@code method} on every VM over {@code connections} keep-alive connections and waits
     * for every task to succeed, watching tasks with event.from; returns each VM's latency and
     * sets {@code span} to the first call's and the last completion's times.
     */
    private static long[] phase(XapiHarness h, String session, List<String> vms, String method, String extra,
            int connections, long[] span) throws Exception {
        Map<String, Long> submitted = new ConcurrentHashMap<>();
        Map<String, Long> finished = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(vms.size());
        AtomicBoolean stop = new AtomicBoolean();
        String token;
        try (RawHttp c = new RawHttp("127.0.0.1", h.port())) {
            token = (String) ((Map<?, ?>) result(c.post("/jsonrpc",
                    call("event.from", q(session), "[\"task\"]", "\"\"", "0.0")))).get("token");
        }
        Thread watcher = new Thread(() -> {
            String t = token;
            try (RawHttp c = new RawHttp("127.0.0.1", h.port())) {
                while (!stop.get()) {
                    Map<?, ?> r = (Map<?, ?>) result(c.post("/jsonrpc",
                            call("event.from", q(session), "[\"task\"]", q(t), "5.0")));
                    long now = System.nanoTime();
                    t = (String) r.get("token");
                    for (Object o : (List<?>) r.get("events")) {
                        Map<?, ?> e = (Map<?, ?>) o;
                        Map<?, ?> snap = (Map<?, ?>) e.get("snapshot");
                        String ref = (String) e.get("ref");
                        if (snap == null || finished.containsKey(ref)) {
                            continue;
                        }
                        String status = (String) snap.get("status");
                        if ("success".equals(status) || "failure".equals(status)) {
                            if ("failure".equals(status)) {
                                errors.add(new IllegalStateException(method + " failed: " + snap.get("error_info")));
                            }
                            finished.put(ref, now);
                            done.countDown();
                        }
                    }
                }
            } catch (Throwable e) {
                if (!stop.get()) {
                    errors.add(e);
                }
            }
        }, "bench-event-watcher");
        watcher.start();
        List<Thread> clients = new ArrayList<>();
        Map<String, String> taskOfVm = new ConcurrentHashMap<>();
        for (int k = 0; k < connections; k++) {
            int from = k;
            clients.add(new Thread(() -> {
                try (RawHttp c = new RawHttp("127.0.0.1", h.port())) {
                    for (int i = from; i < vms.size(); i += connections) {
                        String vm = vms.get(i);
                        long at = System.nanoTime();
                        String task = (String) result(c.post("/jsonrpc",
                                call(method, q(session), q(vm) + extra)));
                        submitted.put(task, at);
                        taskOfVm.put(vm, task);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        span[0] = System.nanoTime();
        clients.forEach(Thread::start);
        for (Thread t : clients) {
            t.join();
        }
        boolean all = done.await(120, TimeUnit.SECONDS);
        stop.set(true);
        // Wake the watcher out of its event.from wait so that it sees the stop flag now.
        String anyTask = submitted.keySet().stream().findFirst().orElse(null);
        if (anyTask != null) {
            h.srv.db.write(tx -> {
                tx.touch("task", org.jxapi.xenapi.model.Ref.of(anyTask));
                return null;
            });
        }
        watcher.join(10_000);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.peek());
        }
        if (!all) {
            throw new IllegalStateException(method + ": " + done.getCount() + " tasks did not finish in 120 s");
        }
        span[1] = finished.values().stream().mapToLong(Long::longValue).max().orElse(span[0]);
        long[] latencies = new long[vms.size()];
        int i = 0;
        for (String vm : vms) {
            String task = taskOfVm.get(vm);
            latencies[i++] = finished.get(task) - submitted.get(task);
        }
        try (RawHttp c = new RawHttp("127.0.0.1", h.port())) {
            for (String task : taskOfVm.values()) {
                result(c.post("/jsonrpc", call("task.destroy", q(session), q(task))));
            }
        }
        return latencies;
    }

    static Object result(String response) {
        Map<?, ?> m = (Map<?, ?>) JsonWire.parseValue(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)));
        if (m.get("error") != null) {
            throw new IllegalStateException("call failed: " + m.get("error"));
        }
        return m.get("result");
    }

    static String call(String method, String... params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + String.join(",", params) + "]}";
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }
}
