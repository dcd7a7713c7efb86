package org.jxapi.networkd.ovs.impl;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jxapi.common.net.UnixSocketPath;
import org.osgi.util.converter.Converters;

/**
 * A private Open vSwitch for one test class: a network namespace made for it, its own database
 * (ovsdb-tool create from the installed schema), run, db and log directory, and its own
 * ovsdb-server and ovs-vswitchd started inside the namespace, not detached, so that their
 * Processes are stopped by pid. Bridges use the userspace datapath (no kernel module here).
 * Nothing outside the namespace and the directory is touched. Public, in the test-jar, for the
 * networkd benchmark (integration/bench).
 */
public final class PrivateOvs implements AutoCloseable {
    static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

    public final String netns;
    public final Path dir;
    private Process ovsdb;
    private Process vswitchd;

    private PrivateOvs(String netns, Path dir) {
        this.netns = netns;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isRegularFile(Path.of(SCHEMA)) && Files.isExecutable(Path.of("/usr/sbin/ovs-vswitchd"));
    }

    public static PrivateOvs start() {
        String id = Sh.unique("jxo");
        Path dir;
        try {
            // /tmp, not java.io.tmpdir: the sockets' paths must stay under the 106-byte limit.
            dir = Files.createTempDirectory(Path.of("/tmp"), id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrivateOvs ovs = new PrivateOvs(id, dir);
        try {
            ovs.boot();
        } catch (RuntimeException e) {
            ovs.close();
            throw e;
        }
        return ovs;
    }

    private void boot() {
        UnixSocketPath.check(dbSocket());
        UnixSocketPath.check(dir.resolve("br-longest-name.mgmt"));
        Sh.ok("ip", "netns", "add", netns);
        Sh.ok("ip", "-n", netns, "link", "set", "lo", "up");
        Sh.ok("ovsdb-tool", "create", dir.resolve("conf.db").toString(), SCHEMA);
        ovsdb = spawn("ovsdb", "ovsdb-server", dir.resolve("conf.db").toString(), "--remote=punix:" + dbSocket(),
                "--unixctl=" + dir.resolve("db.ctl"), "--pidfile=" + dir.resolve("db.pid"),
                "--log-file=" + dir.resolve("db.log"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dbSocket()) || !ovsdb.isAlive());
        Sh.ok("ovs-vsctl", "--db=unix:" + dbSocket(), "--no-wait", "init");
        vswitchd = spawn("vswitchd", "ovs-vswitchd", "unix:" + dbSocket(), "--unixctl=" + vswitchdCtl(),
                "--pidfile=" + dir.resolve("vs.pid"), "--log-file=" + dir.resolve("vs.log"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !vswitchd.isAlive() || Sh.run("ovs-appctl", "-t", vswitchdCtl().toString(), "version").ok());
        if (!ovsdb.isAlive() || !vswitchd.isAlive()) {
            throw new IllegalStateException("the private Open vSwitch did not start; see " + dir);
        }
    }

    private Process spawn(String name, String... argv) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", netns));
        cmd.addAll(List.of(argv));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().put("OVS_RUNDIR", dir.toString());
        pb.environment().put("OVS_DBDIR", dir.toString());
        pb.environment().put("OVS_LOGDIR", dir.toString());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dbSocket() {
        return dir.resolve("db.sock");
    }

    Path vswitchdCtl() {
        return dir.resolve("vs.ctl");
    }

    /** The backend's configuration for this instance, as ConfigAdmin would give it. */
    OvsBackendConfig config(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("instance.dir", dir.toString());
        props.put("ovsdb.socket", dbSocket().toString());
        props.put("netns", netns);
        props.putAll(extra);
        return Converters.standardConverter().convert(props).to(OvsBackendConfig.class);
    }

    public OpenvswitchBackend backend() {
        return new OpenvswitchBackend(config(Map.of()));
    }

    /** A backend with some configuration keys changed (e.g. command.timeout.s). */
    public OpenvswitchBackend backend(Map<String, Object> extra) {
        return new OpenvswitchBackend(config(extra));
    }

    public String vsctl(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "ovs-vsctl";
        full[1] = "--db=unix:" + dbSocket();
        System.arraycopy(args, 0, full, 2, args.length);
        return Sh.ok(full);
    }

    String ofctl(String command, String bridge) {
        return Sh.ok("ovs-ofctl", command, "unix:" + dir.resolve(bridge + ".mgmt"));
    }

    String appctl(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "ovs-appctl";
        full[1] = "-t";
        full[2] = vswitchdCtl().toString();
        System.arraycopy(args, 0, full, 3, args.length);
        return Sh.ok(full);
    }

    /** ip inside the switch's namespace. */
    public String ip(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "ip";
        full[1] = "-n";
        full[2] = netns;
        System.arraycopy(args, 0, full, 3, args.length);
        return Sh.ok(full);
    }

    @Override
    public void close() {
        for (Process p : new Process[] {vswitchd, ovsdb}) {
            if (p != null && p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Sh.run("ip", "netns", "del", netns);
        deleteTree(dir);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
