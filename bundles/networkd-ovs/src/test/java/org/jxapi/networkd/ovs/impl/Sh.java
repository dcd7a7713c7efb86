package org.jxapi.networkd.ovs.impl;

import java.time.Duration;
import java.util.List;

import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;

/** The tests' program runs: through ExternalCommand, with a short time limit. */
final class Sh {
    private Sh() {
    }

    static CommandResult run(String... argv) {
        return ExternalCommand.of(argv).withTimeout(Duration.ofSeconds(30)).run();
    }

    /** Runs and fails the test setup when the program fails. */
    static String ok(String... argv) {
        CommandResult r = run(argv);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", List.of(argv)) + " failed (" + r.exitCode() + "): "
                    + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    /** In a namespace: {@code ip netns exec NS argv...}. */
    static CommandResult in(String netns, String... argv) {
        String[] full = new String[argv.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = netns;
        System.arraycopy(argv, 0, full, 4, argv.length);
        return run(full);
    }

    /** A name unique to this JVM and call, short enough for an interface or namespace (15 bytes). */
    static String unique(String prefix) {
        return prefix + Long.toString(ProcessHandle.current().pid() % 46656, 36) + Integer.toString(COUNTER.incrementAndGet(), 36);
    }

    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();
}
