package org.jxapi.itest.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URL;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Console;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jxapi.xenops.qemu.testguest.TestGuest;

/**
 * What the qemu end-to-end tests share: a distribution of their own whose qemu xenops instance may
 * boot the cached test guest (TCG, a short state directory), test-guest VMs made with the SDK,
 * their consoles, the qemu processes the distribution started (found by the state directory in
 * their command line, never by name), a restart of a killed distribution on the same home, and a
 * qemu that jxapi did not start.
 */
final class QemuGuests {
    static final String QUEUE = "org.xen.xapi.xenops.qemu";
    static final String QUEUE2 = "org.xen.xapi.xenops.qemu2";

    final TestGuest.Guest guest;
    final Path stateDir;

    private QemuGuests(TestGuest.Guest guest, Path stateDir) {
        this.guest = guest;
        this.stateDir = stateDir;
    }

    static QemuGuests prepare() throws IOException {
        TestGuest.Guest g = TestGuest.build();
        // Socket paths are limited to 107 bytes: the qemu state goes to a short directory.
        Path state = Files.createTempDirectory(Path.of("/tmp"), "jxq");
        return new QemuGuests(g, state);
    }

    /** Settings for {@link RunningDistribution#start}: the guest's directory allowed, TCG, the short state directory. */
    Map<String, Map<String, String>> settings() throws IOException {
        String dirs = guest.kernel().toRealPath().getParent() + "," + guest.initrd().toRealPath().getParent();
        // A second xenops instance over the same qemu backend: the destination of migrations.
        return Map.of("org.jxapi.xenops.qemu", Map.of("kernel.allowed.dirs", dirs, "accel", "tcg",
                "state.dir", stateDir.toString(), "minimum.reboot.delay", "0"),
                "org.jxapi.xenops.instance-qemu2", Map.of("queue", QUEUE2, "backend.target", "(xenops.backend=qemu)",
                        "metadata.fsync", "false"));
    }

    /** A halted test-guest VM on the qemu queue, made with the SDK as a client would. */
    VM vm(Connection c, String name, long vcpusMax) throws Exception {
        return vm(c, name, vcpusMax, Types.OnCrashBehaviour.DESTROY);
    }

    VM vm(Connection c, String name, long vcpusMax, Types.OnCrashBehaviour onCrash) throws Exception {
        VM.Record r = new VM.Record();
        r.nameLabel = name;
        r.memoryStaticMax = 128L << 20;
        r.memoryDynamicMax = 128L << 20;
        r.memoryDynamicMin = 128L << 20;
        r.memoryStaticMin = 64L << 20;
        r.VCPUsMax = vcpusMax;
        r.VCPUsAtStartup = 1L;
        r.HVMBootPolicy = "";
        r.PVKernel = guest.kernel().toString();
        r.PVRamdisk = guest.initrd().toString();
        r.PVArgs = guest.cmdline();
        r.PVBootloader = "";
        r.isATemplate = false;
        r.actionsAfterShutdown = Types.OnNormalExit.DESTROY;
        r.actionsAfterReboot = Types.OnNormalExit.RESTART;
        r.actionsAfterCrash = onCrash;
        r.otherConfig = new HashMap<>(Map.of("xenops", QUEUE));
        return VM.create(c, r);
    }

    /** The VM's console object of this protocol. */
    static Console.Record console(Connection c, VM vm, Types.ConsoleProtocol p) throws Exception {
        for (Console con : vm.getConsoles(c)) {
            Console.Record r = con.getRecord(c);
            if (r.protocol == p) {
                return r;
            }
        }
        throw new AssertionError("VM " + vm.getUuid(c) + " has no " + p + " console; it has " + vm.getConsoles(c));
    }

    /** Connects to the VM's text console at the TCP port its console object names. */
    static GuestConsole textConsole(Connection c, VM vm) throws Exception {
        return retry(Duration.ofSeconds(60), Duration.ofMillis(250), e -> e instanceof java.net.ConnectException, () -> {
            // Read afresh each time: after a toolstack restart the proxy comes back, maybe on another port.
            Console.Record r = console(c, vm, Types.ConsoleProtocol.VT100);
            return new GuestConsole(Integer.parseInt(r.otherConfig.get("port")));
        });
    }

    /** Runs a command on the VM's console shell over a fresh connection (the console may have moved). */
    static String shell(Connection c, VM vm, String command) throws Exception {
        // An IOException: the console is not accepting yet (a fresh qemu) or is still held by a closed
        // client; an AssertionError: a line typed while the guest's shell was not up yet (just rebooted)
        // was lost. Either way, try again.
        return retry(Duration.ofSeconds(60), Duration.ofMillis(500),
                e -> e instanceof IOException || e instanceof AssertionError, () -> {
                    try (GuestConsole con = textConsole(c, vm)) {
                        return con.run(command, 10);
                    }
                });
    }

    /**
     * Calls {@code attempt} until it returns, at most for {@code atMost}, as long as what it throws is
     * {@code retriable}; then throws its last failure. Any other failure ends it at once.
     */
    static <T> T retry(Duration atMost, Duration pause, Predicate<Throwable> retriable, Callable<T> attempt)
            throws Exception {
        AtomicReference<Throwable> last = new AtomicReference<>();
        AtomicReference<T> result = new AtomicReference<>();
        try {
            Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(pause).until(() -> {
                try {
                    result.set(attempt.call());
                    return true;
                } catch (Exception | AssertionError e) {
                    if (!retriable.test(e)) {
                        throw e;
                    }
                    last.set(e);
                    return false;
                }
            });
        } catch (ConditionTimeoutException timedOut) {
            Throwable e = last.get();
            if (e instanceof Exception ex) {
                throw ex;
            }
            if (e instanceof Error err) {
                throw err;
            }
            throw timedOut;
        }
        return result.get();
    }

    /** Polls a console command until its output satisfies {@code ok}; returns that output. */
    static String shellUntil(Connection c, VM vm, String command, java.util.function.Predicate<String> ok,
            double seconds) throws Exception {
        AtomicReference<String> out = new AtomicReference<>();
        try {
            Awaitility.await().atMost(Duration.ofMillis((long) (seconds * 1000))).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        out.set(shell(c, vm, command));
                        return ok.test(out.get());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("'" + command + "' kept printing: " + out.get(), e);
        }
        return out.get();
    }

    static long counter(Connection c, VM vm) throws Exception {
        return Long.parseLong(lastLine(shell(c, vm, "cat /run/counter")));
    }

    /**
     * The last line of a command's output: a shell that just started on a fresh console may first
     * complain about what the terminal sent it while it was not reading yet.
     */
    static String lastLine(String out) {
        String[] lines = out.trim().split("\n");
        return lines[lines.length - 1].trim();
    }

    /** The qemu processes running for this distribution (their command line names the state directory). */
    List<ProcessHandle> qemus() {
        String dir = stateDir.toString();
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains("qemu-system") && cmd.contains(dir)) {
                out.add(p);
            }
        });
        return out;
    }

    /** Kills what is left of the distribution's qemu processes (found by the state directory). */
    void killQemus() {
        for (ProcessHandle p : qemus()) {
            p.destroyForcibly();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    /** Removes the state directory (after {@link #killQemus}). */
    void deleteState() {
        delete(stateDir);
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary directory
        }
    }

    /** Hard-shuts-down every running or paused VM through the XenAPI; errors are ignored (teardown). */
    static void haltAll(Connection c) {
        try {
            for (Map.Entry<VM, VM.Record> e : VM.getAllRecords(c).entrySet()) {
                VM.Record r = e.getValue();
                if (!r.isATemplate && !r.isControlDomain && (r.powerState == Types.VmPowerState.RUNNING
                        || r.powerState == Types.VmPowerState.PAUSED)) {
                    try {
                        e.getKey().hardShutdown(c);
                    } catch (Exception ignored) {
                        // the next one
                    }
                }
            }
        } catch (Exception ignored) {
            // the distribution is gone
        }
    }

    static Connection connect(String url) throws Exception {
        Connection c = new Connection(new URL(url));
        Session.loginWithPassword(c, "root", RunningDistribution.ROOT_PASSWORD, "1.0", "jxapi-itest");
        return c;
    }

    /** Polls until {@code vm} has the power state, or fails. */
    static void awaitPower(Connection c, VM vm, Types.VmPowerState p, double seconds) throws Exception {
        AtomicReference<Types.VmPowerState> now = new AtomicReference<>();
        try {
            Awaitility.await().atMost(Duration.ofMillis((long) (seconds * 1000))).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        now.set(vm.getPowerState(c));
                        return now.get() == p;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("VM " + vm.getUuid(c) + " is " + now.get() + ", not " + p + " after " + seconds + " s");
        }
    }

    /**
     * The Karaf of a distribution home started again after {@link RunningDistribution#kill()}, on
     * the ports its etc files already name.
     */
    static final class Restarted implements AutoCloseable {
        final Path home;
        final String url;
        private final Process process;

        Restarted(RunningDistribution killed) throws Exception {
            this.home = killed.home;
            this.url = killed.url();
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.redirectErrorStream(true);
            pb.redirectOutput(home.resolve("console-restarted.log").toFile());
            process = pb.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                        .failFast("the restarted distribution exited", () -> !process.isAlive())
                        .ignoreExceptions() // not up yet
                        .until(() -> !com.xensource.xenapi.Host.getAll(connect(url)).isEmpty());
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("the restarted distribution's XenAPI did not come up", e);
            }
        }

        @Override
        public void close() throws Exception {
            if (!process.isAlive()) {
                return;
            }
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.redirectErrorStream(true);
            Process stop = pb.start();
            stop.getInputStream().readAllBytes();
            stop.waitFor(30, TimeUnit.SECONDS);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A qemu that jxapi did not start: paused before it runs anything, with a QMP socket of its own. */
    static final class Foreign implements AutoCloseable {
        final Process process;
        final Path qmp;
        private final Path dir;

        Foreign(Path dir) throws Exception {
            this.dir = dir;
            Files.createDirectories(dir);
            qmp = dir.resolve("qmp.sock");
            process = new ProcessBuilder(List.of("/usr/bin/qemu-system-x86_64", "-machine", "pc", "-accel", "tcg",
                    "-nodefaults", "-no-user-config", "-display", "none", "-S", "-m", "16", "-name", "foreign",
                    "-qmp", "unix:" + qmp + ",server=on,wait=off"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .failFast("the foreign qemu exited", () -> !process.isAlive())
                        .until(() -> Files.exists(qmp));
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("the foreign qemu did not come up", e);
            }
        }

        /** query-status over its own QMP socket: "prelaunch" while nobody touched it. */
        String status() throws IOException {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(qmp));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                        StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(ch);
                in.readLine();
                out.write("{\"execute\":\"qmp_capabilities\"}\n".getBytes(StandardCharsets.UTF_8));
                in.readLine();
                out.write("{\"execute\":\"query-status\"}\n".getBytes(StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains("\"return\"")) {
                        int i = line.indexOf("\"status\"");
                        int q1 = line.indexOf('"', line.indexOf(':', i) + 1);
                        return line.substring(q1 + 1, line.indexOf('"', q1 + 1));
                    }
                }
                throw new IOException("no answer from the foreign qemu");
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            delete(dir);
        }
    }
}
