package org.jxapi.xenops.qemu.impl;

import static org.jxapi.xenops.qemu.impl.Guests.DBG;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.jxapi.xenops.spi.TestTask;
import org.junit.jupiter.api.Test;

/**
 * VM start latency through xenops (VM.start and VM.unpause through the engine until the guest's
 * boot marker on its serial console) against a bare qemu launch of the same guest with the same
 * command line (without -S), measured side by side in one run, alternating, plus ten parallel
 * starts of each. Not part of the normal test run: {@code mvn -f bundles/xenops-qemu/pom.xml test
 * -Dtest=StartLatencyBenchmark} (or run its main). Results go to stdout and
 * {@code target/qemu-start-benchmark.txt}.
 */
public class StartLatencyBenchmark {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
    static final int PARALLEL = Integer.getInteger("bench.parallel", 10);

    public static void main(String[] args) throws Exception {
        new StartLatencyBenchmark().startLatency();
    }

    @Test
    void startLatency() throws Exception {
        Path dir = Files.createTempDirectory("jxapi-qbench");
        StringBuilder report = new StringBuilder();
        try (EngineFixture f = new EngineFixture(dir)) {
            report.append("accelerator: ").append(f.backend.accel()).append('\n');
            // Warm up both paths once (page cache, JIT).
            xenopsStart(f, dir);
            bareStart(f, dir.resolve("bare-warm"));
            List<Double> bare = new ArrayList<>();
            List<Double> xen = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                bare.add(bareStart(f, dir.resolve("bare-" + i)));
                xen.add(xenopsStart(f, dir));
            }
            double mb = median(bare);
            double mx = median(xen);
            report.append(String.format(Locale.ROOT, "single start, median of %d: bare qemu %.3f s, xenops %.3f s, "
                    + "ratio %.3f (overhead %+.1f%%)%n", ROUNDS, mb, mx, mx / mb, (mx / mb - 1) * 100));
            report.append("  bare:   ").append(fmt(bare)).append('\n');
            report.append("  xenops: ").append(fmt(xen)).append('\n');
            double pb = bareParallel(f, dir);
            double px = xenopsParallel(f, dir);
            report.append(String.format(Locale.ROOT, "%d parallel starts until every boot marker: bare %.3f s, "
                    + "xenops %.3f s, ratio %.3f%n", PARALLEL, pb, px, px / pb));
        }
        System.out.print(report);
        Path out = Path.of("target", "qemu-start-benchmark.txt");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, report);
        }
        assertTrue(report.length() > 0);
    }

    private static String fmt(List<Double> l) {
        StringBuilder b = new StringBuilder();
        l.forEach(d -> b.append(String.format(Locale.ROOT, "%.3f ", d)));
        return b.toString().trim();
    }

    private static double median(List<Double> l) {
        List<Double> s = new ArrayList<>(l);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    /** Seconds from VM.start until the boot marker, through the engine. */
    private static double xenopsStart(EngineFixture f, Path dir) {
        Vm vm = Guests.vm("bench", 1, 1).build();
        f.x.vmAdd(DBG, vm);
        long t0 = System.nanoTime();
        Guests.success(f.x, f.x.vmStart(DBG, vm.id(), false));
        Guests.success(f.x, f.x.vmUnpause(DBG, vm.id()));
        awaitBoot(f.console(vm));
        double s = (System.nanoTime() - t0) / 1e9;
        Guests.success(f.x, f.x.vmShutdown(DBG, vm.id(), null));
        f.x.vmRemove(DBG, vm.id());
        return s;
    }

    /** The command line xenops would use for a fresh domain of the guest, without -S, in {@code run}. */
    private static List<String> bareCommandLine(EngineFixture f, Path run) throws IOException {
        Files.createDirectories(run);
        Domain d = new Domain("bare", 0, run, 0);
        d.vm = Guests.vm("bare", 1, 1).build();
        d.vcpus = 1;
        List<String> argv = new ArrayList<>(CommandLine.build(d, new CommandLine.Inputs(f.backend.hypervisor().settings,
                f.backend.hypervisor().accel, null, false)));
        argv.remove("-S");
        return argv;
    }

    private static double bareStart(EngineFixture f, Path run) throws Exception {
        List<String> argv = bareCommandLine(f, run);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(run.resolve("qemu.log").toFile())
                .start();
        try {
            awaitBoot(run.resolve("console.log"));
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private static double bareParallel(EngineFixture f, Path dir) throws Exception {
        List<Path> runs = new ArrayList<>();
        List<List<String>> argvs = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            Path run = dir.resolve("bp-" + i);
            runs.add(run);
            argvs.add(bareCommandLine(f, run));
        }
        List<Process> ps = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < PARALLEL; i++) {
                ps.add(new ProcessBuilder(argvs.get(i)).redirectErrorStream(true)
                        .redirectOutput(runs.get(i).resolve("qemu.log").toFile()).start());
            }
            runs.forEach(r -> awaitBoot(r.resolve("console.log")));
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            for (Process p : ps) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    private static double xenopsParallel(EngineFixture f, Path dir) {
        List<Vm> vms = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            Vm vm = Guests.vm("par-" + i, 1, 1).build();
            f.x.vmAdd(DBG, vm);
            vms.add(vm);
        }
        long t0 = System.nanoTime();
        List<String> starts = vms.stream().map(vm -> f.x.vmStart(DBG, vm.id(), false)).toList();
        List<String> unpauses = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            Guests.success(f.x, starts.get(i));
            unpauses.add(f.x.vmUnpause(DBG, vms.get(i).id()));
        }
        unpauses.forEach(t -> Guests.success(f.x, t));
        vms.forEach(vm -> awaitBoot(f.console(vm)));
        double s = (System.nanoTime() - t0) / 1e9;
        for (Vm vm : vms) {
            f.backend.vm().destroy(new TestTask("bench"), vm);
        }
        return s;
    }

    private static void awaitBoot(Path console) {
        // Polled every 2 ms: the poll interval is part of the latency measured.
        org.awaitility.Awaitility.await("boot marker in " + console).atMost(Duration.ofSeconds(180))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                .until(() -> Guests.count(Guests.read(console), TestGuest.BOOT_MARKER) >= 1);
    }
}
