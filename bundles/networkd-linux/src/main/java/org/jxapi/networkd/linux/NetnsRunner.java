package org.jxapi.networkd.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

/**
 * Runs the network tools ({@code ip}, {@code nft}, {@code tc}, {@code bridge}, {@code ethtool},
 * {@code sysctl}, ...) inside one network namespace: {@code ip netns exec NS prog ...}, or directly
 * when the namespace is empty (the host's). Everything a backend changes goes through one of these,
 * so a backend configured with a namespace cannot reach the host's interfaces.
 */
public final class NetnsRunner {
    /** ip netns names are file names under /run/netns; this keeps them to what the tests and admins use. */
    private static final Pattern NETNS_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final List<String> SBIN_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private final String netns;
    private final Duration timeout;

    public NetnsRunner(String netns, Duration timeout) {
        this.netns = netns == null ? "" : netns.strip();
        if (!this.netns.isEmpty() && !NETNS_NAME.matcher(this.netns).matches()) {
            throw new IllegalArgumentException("not a network namespace name: " + netns);
        }
        this.timeout = timeout;
    }

    /** The namespace, empty for the host's. */
    public String netns() {
        return netns;
    }

    public boolean inHost() {
        return netns.isEmpty();
    }

    /** The argument vector that runs {@code argv} inside the namespace. */
    public List<String> wrap(List<String> argv) {
        if (netns.isEmpty()) {
            return List.copyOf(argv);
        }
        List<String> all = new ArrayList<>(argv.size() + 4);
        all.addAll(List.of(program("ip"), "netns", "exec", netns));
        all.addAll(argv);
        return all;
    }

    /** Runs the program and returns how it ended; fails only if it could not run or ran out of time. */
    public CommandResult run(List<String> argv) {
        try {
            return ExternalCommand.of(wrap(argv)).withTimeout(timeout).run();
        } catch (CommandException e) {
            throw NetworkdException.of(NetworkdErrorCode.SCRIPT_ERROR, String.join(" ", argv),
                    e.kind() + ": " + e.getMessage() + " " + e.stderr().strip());
        }
    }

    public CommandResult run(String... argv) {
        return run(List.of(argv));
    }

    /** Runs the program and returns its output; a non-zero exit is {@code Script_error [command, stderr]}. */
    public String ok(List<String> argv) {
        CommandResult r = run(argv);
        if (!r.ok()) {
            throw failed(r);
        }
        return r.stdout();
    }

    public String ok(String... argv) {
        return ok(List.of(argv));
    }

    public static NetworkdException failed(CommandResult r) {
        String why = r.stderr().isBlank() ? r.stdout().strip() : r.stderr().strip();
        return NetworkdException.of(NetworkdErrorCode.SCRIPT_ERROR, String.join(" ", r.argv()),
                "exit " + r.exitCode() + ": " + why);
    }

    /** The program's path if it is installed; the namespace shares the host's file system. */
    public static Optional<String> find(String name) {
        if (name.contains("/")) {
            return Files.isExecutable(Path.of(name)) ? Optional.of(name) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>(SBIN_DIRS);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return Optional.of(Path.of(d, name).toString());
            }
        }
        return Optional.empty();
    }

    /** The program's path, or {@code Script_missing [name]} when it is not installed. */
    public static String program(String name) {
        return find(name).orElseThrow(() -> NetworkdException.of(NetworkdErrorCode.SCRIPT_MISSING, name));
    }

    /**
     * A file of the namespace's sysfs or procfs ({@code /sys/class/net/X/...}): read directly in the
     * host, through {@code cat} inside a namespace (ip netns exec mounts that namespace's sysfs). Empty
     * when it does not exist or cannot be read (a down link's speed).
     */
    public Optional<String> readSystemFile(String path) {
        if (netns.isEmpty()) {
            try {
                return Optional.of(Files.readString(Path.of(path)).strip());
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        CommandResult r = run("cat", path);
        return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    /** Where a sysfs link points ({@code /sys/class/net/X/device}), empty when there is none. */
    public Optional<String> resolveSystemLink(String path) {
        if (netns.isEmpty()) {
            try {
                Path p = Path.of(path);
                return Files.exists(p) ? Optional.of(p.toRealPath().toString()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        CommandResult r = run("readlink", "-e", path);
        return r.ok() && !r.stdout().isBlank() ? Optional.of(r.stdout().strip()) : Optional.empty();
    }

    @Override
    public String toString() {
        return netns.isEmpty() ? "host namespace" : "namespace " + netns;
    }
}
