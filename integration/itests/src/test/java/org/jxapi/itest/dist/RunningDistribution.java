package org.jxapi.itest.dist;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The assembled distribution, unpacked and started as a user would start it ({@code bin/karaf
 * server}), with its ports moved to free ones and a known root password. One instance serves
 * all end-to-end tests of a test run; it is stopped with {@code bin/stop} when the JVM ends.
 */
public final class RunningDistribution {
    public static final String ROOT_PASSWORD = "e2e-root-password";
    private static RunningDistribution instance;

    public final Path home;
    public final int httpPort;
    public final int httpsPort;
    public final int sshPort;
    private final Process process;

    private RunningDistribution(Path home, int httpPort, int httpsPort, int sshPort, Process process) {
        this.home = home;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.sshPort = sshPort;
        this.process = process;
    }

    /** The shared running distribution, started on first use. */
    public static synchronized RunningDistribution get() throws Exception {
        if (instance == null) {
            instance = start(Map.of());
            RunningDistribution d = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(d::stop));
        }
        return instance;
    }

    /** A distribution of one's own, for tests that restart or kill it; extra settings as pid to key=value. */
    public static RunningDistribution start(Map<String, Map<String, String>> extra) throws Exception {
        String dist = System.getProperty("jxapi.dist");
        if (dist == null) {
            throw new IllegalStateException("system property jxapi.dist is not set (run through Maven failsafe)");
        }
        Path base = Path.of(System.getProperty("jxapi.buildDir", "target"), "dist-" + System.nanoTime());
        Files.createDirectories(base);
        run(List.of("tar", "xzf", dist, "-C", base.toString()), base);
        Path home;
        try (Stream<Path> s = Files.list(base)) {
            home = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        int http = freePort();
        int https = freePort();
        int ssh = freePort();
        edit(home.resolve("etc/org.jxapi.api.cfg"), Map.of("http.port", "" + http, "https.port", "" + https));
        edit(home.resolve("etc/org.jxapi.api.core.cfg"), Map.of("root.password", ROOT_PASSWORD));
        edit(home.resolve("etc/org.apache.karaf.shell.cfg"), Map.of("sshPort", "" + ssh));
        edit(home.resolve("etc/org.apache.karaf.management.cfg"),
                Map.of("rmiRegistryPort", "" + freePort(), "rmiServerPort", "" + freePort()));
        for (Map.Entry<String, Map<String, String>> e : extra.entrySet()) {
            edit(home.resolve("etc/" + e.getKey() + ".cfg"), e.getValue());
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve("console.log").toFile());
        Process p = pb.start();
        RunningDistribution d = new RunningDistribution(home, http, https, ssh, p);
        d.awaitXenApi(Duration.ofSeconds(180));
        return d;
    }

    private void awaitXenApi(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.login_with_password\",\"params\":[\"root\",\""
                + ROOT_PASSWORD + "\"]}";
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .failFast("the distribution exited", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url() + "/jsonrpc"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        // Logged in, and this host's objects exist: the toolstack is up.
                        return r.statusCode() == 200 && r.body().contains("OpaqueRef:") && hostReady(client);
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the XenAPI did not come up within " + timeout + ": " + tail(), e);
        } catch (org.awaitility.core.TerminalFailureException e) {
            throw new IllegalStateException("the distribution exited: " + tail(), e);
        }
    }

    private boolean hostReady(HttpClient client) throws Exception {
        String login = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"session.login_with_password\",\"params\":[\"root\",\""
                + ROOT_PASSWORD + "\"]}";
        String r = client.send(HttpRequest.newBuilder(URI.create(url() + "/jsonrpc"))
                .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString()).body();
        int i = r.indexOf("OpaqueRef:");
        String session = r.substring(i, r.indexOf('"', i));
        String call = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"host.get_all\",\"params\":[\"" + session + "\"]}";
        String hosts = client.send(HttpRequest.newBuilder(URI.create(url() + "/jsonrpc"))
                .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return hosts.contains("OpaqueRef:");
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Runs a shell command through bin/client in batch mode, as root, and returns what it printed. */
    public String client(String command) throws Exception {
        return client("root", ROOT_PASSWORD, command);
    }

    /** Runs a shell command through bin/client in batch mode as this jxapi account; returns what it printed. */
    public String client(String user, String password, String command) throws Exception {
        // Retries: the SSH server may still be generating its host key when the first command comes
        // (bin/client then prints "Failed to get the session." and exits 0, and nothing ran).
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", "" + sshPort, "-u", user,
                "-p", password, "-r", "30", "-d", "1", "-b");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write(command + "\n");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (out.contains("Failed to get the session")) {
            throw new IllegalStateException("bin/client could not reach the shell, so '" + command + "' did not run: " + out);
        }
        return out;
    }

    /** Stops the distribution with bin/stop, and kills it if it does not go. */
    public synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.redirectErrorStream(true);
            Process stop = pb.start();
            stop.getInputStream().readAllBytes();
            stop.waitFor(30, TimeUnit.SECONDS);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (Exception e) {
            try {
                kill();
            } catch (Exception again) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Kills the toolstack as a crash would: SIGKILL to the Karaf JVM. bin/karaf runs the JVM as its child, so
     * killing the script alone would leave the toolstack serving; the JVM's pid is in karaf.pid. Only the JVM
     * and the script die: the VMs' qemu processes, which the JVM started, must survive as they would a crash.
     */
    public void kill() throws Exception {
        ProcessHandle jvm = jvm();
        if (jvm != null) {
            jvm.destroyForcibly();
            jvm.onExit().get(30, TimeUnit.SECONDS);
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The Karaf JVM (from karaf.pid, checked to be this distribution's), or null when it is not running. */
    private ProcessHandle jvm() throws IOException {
        Path pidFile = home.resolve("karaf.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle jvm = ProcessHandle.of(pid).orElse(null);
        if (jvm == null) {
            return null;
        }
        String cmd = jvm.info().commandLine().orElse("");
        if (!cmd.contains(home.toString())) {
            throw new IllegalStateException("pid " + pid + " is not this distribution's JVM: " + cmd);
        }
        return jvm;
    }

    /**
     * The toolstack's threads and their stacks (jcmd Thread.print), for a test to show when the toolstack
     * did not do something in time: where it waits is the first thing to know about a hang.
     */
    public String threadDump() {
        try {
            ProcessHandle jvm = jvm();
            if (jvm == null) {
                return "(the toolstack's JVM is not running)";
            }
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException | RuntimeException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("console.log"));
            Path log = home.resolve("data/log/karaf.log");
            List<String> out = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            if (Files.exists(log)) {
                List<String> l = Files.readAllLines(log);
                out.addAll(l.subList(Math.max(0, l.size() - 40), l.size()));
            }
            return String.join("\n", out);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void edit(Path cfg, Map<String, String> values) throws IOException {
        Properties p = new Properties();
        if (Files.exists(cfg)) {
            try (Reader r = Files.newBufferedReader(cfg, StandardCharsets.ISO_8859_1)) {
                p.load(r);
            }
        }
        p.putAll(values);
        try (Writer w = Files.newBufferedWriter(cfg, StandardCharsets.ISO_8859_1)) {
            p.store(w, "edited by the jxapi end-to-end tests");
        }
    }

    private static void run(List<String> cmd, Path dir) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
