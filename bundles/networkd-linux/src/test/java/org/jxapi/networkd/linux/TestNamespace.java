package org.jxapi.networkd.linux;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;

/**
 * A network namespace a test makes ({@code jx-<random>}) and everything it makes inside it. Devices are
 * only ever created inside the namespace ({@code ip netns exec NS ip link add ...}), so the machine's own
 * interfaces are never touched. {@link #close()} deletes the devices it recorded, by name and inside the
 * namespace, and then the namespace itself.
 */
public final class TestNamespace implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Deque<String> devices = new ArrayDeque<>();

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Null when namespaces cannot be made here (not root, no ip netns): the caller skips with that reason. */
    public static String unavailableReason() {
        if (NetnsRunner.find("ip").isEmpty()) {
            return "iproute2 (ip) is not installed";
        }
        CommandResult r = ExternalCommand.of("ip", "netns", "list").withTimeout(TIMEOUT).run();
        if (!r.ok()) {
            return "ip netns is unavailable: " + r.stderr().strip();
        }
        String probe = "jx-probe" + random();
        CommandResult add = ExternalCommand.of("ip", "netns", "add", probe).withTimeout(TIMEOUT).run();
        if (!add.ok()) {
            return "cannot create a network namespace (needs root): " + add.stderr().strip();
        }
        ExternalCommand.of("ip", "netns", "del", probe).withTimeout(TIMEOUT).run();
        return null;
    }

    public static TestNamespace create() {
        String n = "jx-" + random();
        host("ip", "netns", "add", n);
        TestNamespace ns = new TestNamespace(n);
        ns.exec("ip", "link", "set", "dev", "lo", "up");
        return ns;
    }

    private static String random() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    public String name() {
        return name;
    }

    /** A veth pair made inside the namespace. */
    public void veth(String a, String b) {
        exec("ip", "link", "add", "name", a, "type", "veth", "peer", "name", b);
        devices.push(a);
    }

    /** Records a device made inside the namespace by other means, so that close() deletes it. */
    public void owns(String device) {
        devices.push(device);
    }

    /** Moves a device of this namespace into another test namespace (a guest). */
    public void moveTo(String device, TestNamespace other) {
        exec("ip", "link", "set", "dev", device, "netns", other.name);
        devices.remove(device);
        other.devices.push(device);
    }

    /** Runs the command inside the namespace; a non-zero exit fails the test. */
    public String exec(String... argv) {
        CommandResult r = run(argv);
        if (!r.ok()) {
            throw new AssertionError("in " + name + ": " + String.join(" ", argv) + " -> exit " + r.exitCode() + ": "
                    + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    public CommandResult run(String... argv) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(List.of(argv));
        return ExternalCommand.of(all).withTimeout(TIMEOUT).run();
    }

    private static void host(String... argv) {
        CommandResult r = ExternalCommand.of(argv).withTimeout(TIMEOUT).run();
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", argv) + " -> " + r.stderr());
        }
    }

    @Override
    public void close() {
        while (!devices.isEmpty()) {
            // Deleting one end of a veth deletes its peer: "does not exist" for the other is expected.
            run("ip", "link", "del", "dev", devices.pop());
        }
        ExternalCommand.of("ip", "netns", "del", name).withTimeout(TIMEOUT).run();
    }
}
