package org.jxapi.networkd.ovs.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

/**
 * The programs the backend runs, each through ExternalCommand with a time limit: ovs-vsctl against
 * the configured database and ovs-ofctl on a bridge's management socket (the devices are changed
 * through networkd-linux's LinuxInterfaces; no call needs ovs-appctl yet, the test fixture uses it).
 * A failed run is the original's
 * {@code Script_error} with the program, its arguments, exit code and output.
 */
final class OvsCommands {
    private final Path instanceDir;
    private final String dbSocket;
    private final Duration timeout;

    OvsCommands(Path instanceDir, String dbSocket, Duration timeout) {
        this.instanceDir = instanceDir;
        this.dbSocket = dbSocket;
        this.timeout = timeout;
    }

    static OvsCommands of(OvsBackendConfig config) {
        Path dir = Path.of(config.instance_dir());
        String db = config.ovsdb_socket().isBlank() ? dir.resolve("db.sock").toString() : config.ovsdb_socket();
        return new OvsCommands(dir, db,
                Duration.ofSeconds(Math.max(1, config.command_timeout_s())));
    }

    /** ovs-vsctl with these arguments (several commands separated by "--" run as one transaction). */
    String vsctl(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("ovs-vsctl");
        argv.add("--db=unix:" + dbSocket);
        argv.add("--timeout=" + timeout.toSeconds());
        argv.addAll(args);
        return check(run(ExternalCommand.of(argv)));
    }

    String vsctl(String... args) {
        return vsctl(List.of(args));
    }

    /** ovs-vsctl whose failure is an answer (br-exists, iface-to-br): the result, not an exception. */
    CommandResult vsctlResult(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + dbSocket,
                "--timeout=" + timeout.toSeconds()));
        argv.addAll(List.of(args));
        return run(ExternalCommand.of(argv));
    }

    /** ovs-ofctl on a real bridge, through its management socket in the instance directory. */
    String ofctl(String command, String bridge, List<String> args, String stdin) {
        List<String> argv = new ArrayList<>(List.of("ovs-ofctl", command,
                "unix:" + instanceDir.resolve(bridge + ".mgmt")));
        argv.addAll(args);
        ExternalCommand c = ExternalCommand.of(argv);
        return check(run(stdin == null ? c : c.withStdin(stdin)));
    }

    /** A transaction of flow changes ({@code flow add ...}, {@code flow delete ...} lines): OpenFlow 1.4 bundles. */
    String ofctlBundle(String bridge, String lines) {
        List<String> argv = List.of("ovs-ofctl", "-O", "OpenFlow14", "bundle",
                "unix:" + instanceDir.resolve(bridge + ".mgmt"), "-");
        return check(run(ExternalCommand.of(argv).withStdin(lines)));
    }

    private CommandResult run(ExternalCommand c) {
        try {
            return c.withTimeout(timeout).run();
        } catch (RuntimeException e) {
            throw NetworkdException.of(NetworkdErrorCode.SCRIPT_ERROR, c.argv().get(0),
                    String.join(" ", c.argv()), "no exit", "", String.valueOf(e.getMessage()));
        }
    }

    private static String check(CommandResult r) {
        if (!r.ok()) {
            throw NetworkdException.of(NetworkdErrorCode.SCRIPT_ERROR, r.argv().get(0), String.join(" ", r.argv()),
                    "Exit code " + r.exitCode(), r.stdout(), r.stderr());
        }
        return r.stdout();
    }
}
