package org.jxapi.networkd.impl;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jxapi.common.exec.ExternalCommand;

/**
 * Every link, address and route change the kernel reports in one test namespace ({@code ip -n NS
 * monitor}, a process of the test, stopped by pid): what shows that a restart changed nothing on the
 * system, whichever program would have made the change. {@link #fence()} marks a point both sides
 * agree on, a veth pair made and deleted in the namespace (a veth, not a dummy: kernels without the
 * dummy module have veths, which the tests need anyway), so that "nothing since" is not just "nothing
 * read yet". Public, in the test-jar, for the backends' restart tests.
 */
public final class NetlinkEvents implements AutoCloseable {
    private static final String FENCE = "jxfence";
    private static final AtomicInteger FENCES = new AtomicInteger();

    private final String netns;
    private final Process monitor;
    private final List<String> lines = new ArrayList<>();
    private int fenceEnd;

    public NetlinkEvents(String netns) {
        this.netns = netns;
        try {
            monitor = new ProcessBuilder("ip", "-n", netns, "monitor", "link", "address", "route")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(this::read, "netlink-events-" + netns);
        reader.setDaemon(true);
        reader.start();
        subscribed();
        fence();
    }

    /**
     * Until the monitor reports a change the test makes, it may not be listening yet: change a veth of
     * its own (its MTU) until one shows, then delete it.
     */
    private void subscribed() {
        String dev = FENCE + "0";
        ip("link", "add", dev, "type", "veth", "peer", "name", dev + "p");
        int[] mtu = {1400};
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                synchronized (lines) {
                    if (lines.stream().anyMatch(l -> l.contains(" " + dev + "@"))) {
                        return true;
                    }
                }
                ip("link", "set", "dev", dev, "mtu", Integer.toString(++mtu[0]));
                return false;
            });
        } finally {
            ip("link", "del", dev);
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(monitor.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // The monitor was stopped.
        }
    }

    /**
     * The events (first lines only; indented lines continue one) between the previous fence and a new
     * one, the fences' own left out: what changed in the namespace meanwhile.
     */
    public List<String> fence() {
        int n = FENCES.incrementAndGet();
        String dev = FENCE + n;
        int start;
        synchronized (lines) {
            start = fenceEnd;
        }
        ip("link", "add", dev, "type", "veth", "peer", "name", dev + "p");
        int first = awaitLine(start, l -> l.contains(" " + dev + "@") || l.contains(" " + dev + "p@"));
        ip("link", "del", dev);
        // Deleting one end deletes both: the fence is over once the kernel reported both gone.
        int[] end = {-1};
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            synchronized (lines) {
                boolean a = false;
                boolean b = false;
                for (int i = first; i < lines.size(); i++) {
                    String l = lines.get(i);
                    a |= l.startsWith("Deleted") && l.contains(" " + dev + "@");
                    b |= l.startsWith("Deleted") && l.contains(" " + dev + "p@");
                    if (a && b) {
                        end[0] = i + 1;
                        return true;
                    }
                }
                return false;
            }
        });
        synchronized (lines) {
            fenceEnd = end[0];
            return lines.subList(start, first).stream()
                    .filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.contains(FENCE))
                    .toList();
        }
    }

    /**
     * Until the kernel's own follow-ups to devices that just came up are over, so that a later window
     * shows only what others did: no IPv6 address is still tentative (duplicate address detection ends
     * a second or two after a link goes up, later under load, and is then reported as an address and a
     * local route), and one fence window is empty.
     */
    public void settle() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> tentative().isEmpty() && fence().isEmpty());
    }

    /** The namespace's IPv6 addresses still in duplicate address detection, one line each. */
    public List<String> tentative() {
        List<String> argv = List.of("ip", "-n", netns, "-6", "-o", "addr", "show", "tentative");
        var r = ExternalCommand.of(argv).withTimeout(Duration.ofSeconds(30)).run();
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", argv) + ": " + r.stderr());
        }
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    private int awaitLine(int from, java.util.function.Predicate<String> match) {
        int[] at = {-1};
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            synchronized (lines) {
                for (int i = from; i < lines.size(); i++) {
                    if (match.test(lines.get(i))) {
                        at[0] = i;
                        return true;
                    }
                }
                return false;
            }
        });
        return at[0];
    }

    private void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", netns));
        argv.addAll(List.of(args));
        var r = ExternalCommand.of(argv).withTimeout(Duration.ofSeconds(30)).run();
        if (!r.ok()) {
            throw new AssertionError(String.join(" ", argv) + ": " + r.stderr());
        }
    }

    /** Stops the monitor, by its process. */
    @Override
    public void close() {
        monitor.destroy();
        try {
            if (!monitor.waitFor(10, TimeUnit.SECONDS)) {
                monitor.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
