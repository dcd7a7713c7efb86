package org.jxapi.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.jxapi.xenops.spi.XenopsBackend;

/**
 * Issue 7's start benchmark at the XenAPI level: the latency of VM.start (JSON-RPC over HTTP to the
 * whole xapi path in this JVM, the xenops engine and the qemu backend) until the test guest's boot
 * marker appears on its serial console, against a bare {@code qemu-system-x86_64} launch of the
 * same guest with the very command line the backend used (read from the domain's run directory,
 * without {@code -S}), alternating in one run; then N parallel starts of each. Prints the medians,
 * the ratio and the overhead. Arguments: rounds (default 5), parallel starts (default 10).
 * Run with {@code scripts/bench.sh qemuStart [rounds] [parallel]}.
 */
public final class QemuStartBench {
    static final String QUEUE = "org.xen.xapi.xenops.qemu";

    private final XapiHarness h;
    private final TestGuest.Guest guest;
    private final Path dir;
    private final String session;
    private List<String> template;
    private Path templateRun;

    private QemuStartBench(XapiHarness h, TestGuest.Guest guest, Path dir) throws IOException {
        this.h = h;
        this.guest = guest;
        this.dir = dir;
        try (RawHttp c = http()) {
            session = (String) VmLifecycleBench.result(c.post("/jsonrpc", VmLifecycleBench.call(
                    "session.login_with_password", "\"root\"", "\"" + InProcessServer.PASSWORD + "\"")));
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println("machine: " + BenchSupport.machine());
        TestGuest.Guest guest = TestGuest.build();
        Path dir = Files.createTempDirectory("jxapi-qstart");
        // Socket paths are limited to 107 bytes: the qemu state goes to a short directory.
        Path state = Files.createTempDirectory(Path.of("/tmp"), "jxqb");
        Object backend = null;
        Object instance = null;
        try (XapiHarness h = new XapiHarness(dir)) {
            backend = qemuBackend(state, guest);
            System.out.println("accelerator: " + backend.getClass().getMethod("accel").invoke(backend));
            AtomicReference<Xenops> registered = new AtomicReference<>();
            instance = XapiHarness.xenopsInstance(dir, registered, (XenopsBackend) backend, QUEUE, "qemu");
            h.bridge.addXenops(registered.get(), Map.of("xenops.queue", QUEUE));
            QemuStartBench b = new QemuStartBench(h, guest, dir);
            b.run(rounds, parallel);
        } finally {
            close(instance, "deactivate");
            close(backend, "close");
            delete(dir);
            delete(state);
        }
    }

    private void run(int rounds, int parallel) throws Exception {
        // Warm-up: JIT, page cache, and the backend's command line for the bare launches.
        xapiStart();
        bareStart(dir.resolve("bare-warm"));
        List<Double> bare = new ArrayList<>();
        List<Double> xapi = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            bare.add(bareStart(dir.resolve("bare-" + i)));
            xapi.add(xapiStart());
        }
        double mb = median(bare);
        double mx = median(xapi);
        System.out.printf(Locale.ROOT, "single start until the boot marker, median of %d: bare qemu %.3f s, "
                + "XenAPI VM.start %.3f s, ratio %.3f (overhead %+.1f%%)%n", rounds, mb, mx, mx / mb, (mx / mb - 1) * 100);
        System.out.println("  bare:  " + fmt(bare));
        System.out.println("  xapi:  " + fmt(xapi));
        double pb = bareParallel(parallel);
        double px = xapiParallel(parallel);
        System.out.printf(Locale.ROOT, "%d parallel starts until every boot marker: bare %.3f s, XenAPI %.3f s, "
                + "ratio %.3f (overhead %+.1f%%)%n", parallel, pb, px, px / pb, (px / pb - 1) * 100);
    }

    private RawHttp http() throws IOException {
        return new RawHttp("127.0.0.1", h.port());
    }

    private Object rpc(RawHttp c, String method, String... params) throws IOException {
        return VmLifecycleBench.result(c.post("/jsonrpc", VmLifecycleBench.call(method, params)));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.append('"').toString();
    }

    private String createVm(RawHttp c, String name) throws IOException {
        return (String) rpc(c, "VM.create", json(session), "{\"name_label\":" + json(name)
                + ",\"memory_static_max\":134217728,\"memory_dynamic_max\":134217728,"
                + "\"memory_dynamic_min\":134217728,\"memory_static_min\":67108864,\"VCPUs_max\":1,"
                + "\"VCPUs_at_startup\":1,\"HVM_boot_policy\":\"\",\"PV_kernel\":" + json(guest.kernel().toString())
                + ",\"PV_ramdisk\":" + json(guest.initrd().toString()) + ",\"PV_args\":" + json(guest.cmdline())
                + ",\"other_config\":{\"xenops\":\"" + QUEUE + "\"}}");
    }

    /** The domain's run directory: where its VT100 console object's Unix socket is. */
    @SuppressWarnings("unchecked")
    private Path runDir(RawHttp c, String vm) throws IOException {
        for (Object con : (List<Object>) rpc(c, "VM.get_consoles", json(session), json((String) vm))) {
            Map<String, Object> r = (Map<String, Object>) rpc(c, "console.get_record", json(session), json((String) con));
            if ("vt100".equals(r.get("protocol"))) {
                return Path.of((String) ((Map<String, Object>) r.get("other_config")).get("path")).getParent();
            }
        }
        throw new IllegalStateException("VM " + vm + " has no vt100 console");
    }

    private void stopVm(RawHttp c, String vm) throws IOException {
        rpc(c, "VM.hard_shutdown", json(session), json(vm));
        rpc(c, "VM.destroy", json(session), json(vm));
    }

    /** Seconds from the VM.start call until the boot marker, for a VM made just before. */
    private double xapiStart() throws Exception {
        try (RawHttp c = http()) {
            String vm = createVm(c, "qstart");
            long t0 = System.nanoTime();
            rpc(c, "VM.start", json(session), json(vm), "false", "false");
            Path run = runDir(c, vm);
            awaitBoot(run.resolve("console.log"));
            double s = (System.nanoTime() - t0) / 1e9;
            if (template == null) {
                template = Files.readAllLines(run.resolve("cmdline"));
                templateRun = run;
            }
            stopVm(c, vm);
            return s;
        }
    }

    private double xapiParallel(int n) throws Exception {
        List<String> vms = new ArrayList<>();
        try (RawHttp c = http()) {
            for (int i = 0; i < n; i++) {
                vms.add(createVm(c, "qstart-par-" + i));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            long t0 = System.nanoTime();
            List<Future<Void>> fs = new ArrayList<>();
            for (String vm : vms) {
                fs.add(pool.submit(() -> {
                    try (RawHttp c = http()) {
                        rpc(c, "VM.start", json(session), json(vm), "false", "false");
                        awaitBoot(runDir(c, vm).resolve("console.log"));
                    }
                    return null;
                }));
            }
            for (Future<Void> f : fs) {
                f.get(10, TimeUnit.MINUTES);
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdownNow();
            try (RawHttp c = http()) {
                for (String vm : vms) {
                    stopVm(c, vm);
                }
            }
        }
    }

    /** The backend's command line for the guest, moved to {@code run} and without -S. */
    private List<String> bareArgv(Path run) throws IOException {
        Files.createDirectories(run);
        String from = templateRun.toString();
        List<String> argv = new ArrayList<>();
        for (String a : template) {
            if (!a.equals("-S")) {
                argv.add(a.replace(from, run.toString()));
            }
        }
        return argv;
    }

    private Process launch(Path run) throws IOException {
        return new ProcessBuilder(bareArgv(run)).redirectErrorStream(true)
                .redirectOutput(run.resolve("qemu.log").toFile()).start();
    }

    private double bareStart(Path run) throws Exception {
        Files.createDirectories(run);
        long t0 = System.nanoTime();
        Process p = launch(run);
        try {
            awaitBoot(run.resolve("console.log"));
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private double bareParallel(int n) throws Exception {
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(Files.createDirectories(dir.resolve("bare-par-" + i)));
        }
        List<Process> ps = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (Path r : runs) {
                ps.add(launch(r));
            }
            for (Path r : runs) {
                awaitBoot(r.resolve("console.log"));
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            for (Process p : ps) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    /** Polls the serial console's log until the guest's boot marker is in it. */
    private static void awaitBoot(Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        byte[] marker = TestGuest.BOOT_MARKER.getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && contains(Files.readAllBytes(log), marker)) {
                return;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no boot marker in " + log);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static double median(List<Double> l) {
        List<Double> s = new ArrayList<>(l);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static String fmt(List<Double> l) {
        StringBuilder b = new StringBuilder();
        l.forEach(d -> b.append(String.format(Locale.ROOT, "%.3f ", d)));
        return b.toString().trim();
    }

    /** The qemu backend as its DS component makes it (its configuration type is private to its bundle). */
    private static Object qemuBackend(Path state, TestGuest.Guest guest) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("state.dir", state.toString());
        props.put("kernel.allowed.dirs", guest.kernel().toRealPath().getParent() + ","
                + guest.initrd().toRealPath().getParent());
        props.put("accel", System.getProperty("bench.accel", "auto"));
        Class<?> cfg = Class.forName("org.jxapi.xenops.qemu.impl.QemuBackendConfig");
        Class<?> type = Class.forName("org.jxapi.xenops.qemu.impl.QemuBackend");
        return type.getConstructor(cfg).newInstance(XapiHarness.config(cfg.getName(), props));
    }

    private static void close(Object o, String method) {
        if (o == null) {
            return;
        }
        try {
            Method m = o.getClass().getDeclaredMethod(method);
            m.setAccessible(true);
            m.invoke(o);
        } catch (ReflectiveOperationException e) {
            System.err.println("closing " + o.getClass().getSimpleName() + ": " + e);
        }
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
