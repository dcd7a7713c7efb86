package org.jxapi.xenops.qemu.impl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host end of the guest agent channel: a virtio-serial port ({@value CommandLine#AGENT_PORT_NAME})
 * whose qemu side listens on a Unix socket. The protocol is one line per message, words separated
 * by single spaces, so that a busybox shell script can speak it:
 * <ul>
 * <li>guest to host: {@code hello <agent version>}, {@code set <key> <value...>} (keys in the
 * original's xenstore layout, {@code data/os_name}, {@code attr/vif/0/ipv4/0}...),
 * {@code ack <id>}, {@code result <id> <exit code> <base64 output>}, {@code pong <id>};</li>
 * <li>host to guest: {@code ping <id>}, {@code run <id> <base64 script>},
 * {@code power <id> halt|poweroff|reboot|s3}.</li>
 * </ul>
 * A reconnecting toolstack simply connects again; the agent repeats its reports periodically.
 */
final class GuestAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestAgent.class);

    /** A script's outcome. */
    record Result(int exitCode, String output) {
    }

    private final String name;
    private final Path socket;
    private final Map<String, String> data = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String[]>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Runnable onChange;
    private volatile SocketChannel channel;
    private volatile boolean closed;
    private volatile String version;

    GuestAgent(String name, Path socket, Runnable onChange) {
        this.name = name;
        this.socket = socket;
        this.onChange = onChange;
        Thread t = new Thread(this::loop, "agent-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** What the agent reported; empty until it has said anything. */
    Map<String, String> data() {
        return new LinkedHashMap<>(data);
    }

    /** True once an agent has said hello on this connection. */
    boolean present() {
        return version != null;
    }

    private void loop() {
        while (!closed) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                channel = ch;
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    handle(line.trim());
                }
            } catch (IOException e) {
                LOG.trace("agent channel {}: {}", name, e.toString());
            } finally {
                channel = null;
                version = null;
            }
            // qemu not yet listening, or gone: the domain's owner closes us when it is gone for good.
            // A pause, not a wait for a condition: nothing announces that the channel can be opened again.
            sleep(200);
        }
    }

    private void handle(String line) {
        String[] w = line.split(" ", 3);
        switch (w[0]) {
            case "hello" -> {
                version = w.length > 1 ? w[1] : "?";
                onChange.run();
            }
            case "set" -> {
                if (w.length >= 2) {
                    String old = data.put(w[1], w.length > 2 ? w[2] : "");
                    if (old == null || !old.equals(w.length > 2 ? w[2] : "")) {
                        onChange.run();
                    }
                }
            }
            case "ack", "pong", "result" -> {
                if (w.length >= 2) {
                    CompletableFuture<String[]> f = pending.remove(w[1]);
                    if (f != null) {
                        f.complete(w);
                    }
                }
            }
            default -> LOG.debug("agent {}: ignoring {}", name, line);
        }
    }

    private String[] request(String verb, String arg, Duration timeout) throws TimeoutException {
        SocketChannel ch = channel;
        if (ch == null || !present()) {
            throw new TimeoutException("no guest agent connected");
        }
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<String[]> f = new CompletableFuture<>();
        pending.put(id, f);
        byte[] msg = (verb + " " + id + (arg == null ? "" : " " + arg) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer b = ByteBuffer.wrap(msg);
            synchronized (this) {
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException e) {
            throw new TimeoutException("guest agent channel failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } finally {
            pending.remove(id);
        }
    }

    boolean ping(Duration timeout) {
        try {
            request("ping", null, timeout);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Asks the guest to power off, reboot or suspend to RAM; true once it acknowledged. */
    boolean power(String what, Duration timeout) {
        try {
            request("power", what, timeout);
            return true;
        } catch (TimeoutException e) {
            LOG.debug("agent {}: power {} not acknowledged: {}", name, what, e.getMessage());
            return false;
        }
    }

    /** Runs a shell script in the guest and returns its exit code and output. */
    Result run(String script, Duration timeout) throws TimeoutException {
        String b64 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        String[] w = request("run", b64, timeout);
        String[] rest = w.length > 2 ? w[2].split(" ", 2) : new String[] {"-1"};
        int rc = Integer.parseInt(rest[0]);
        String out = rest.length > 1 ? new String(Base64.getMimeDecoder().decode(rest[1]), StandardCharsets.UTF_8) : "";
        return new Result(rc, out);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        SocketChannel ch = channel;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.trace("closing agent channel {}", name, e);
            }
        }
    }
}
