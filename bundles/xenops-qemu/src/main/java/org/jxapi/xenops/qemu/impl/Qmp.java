package org.jxapi.xenops.qemu.impl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jxapi.xenops.json.XenopsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A QMP client on qemu's Unix socket: it reads the greeting, enters command mode, and then sends
 * commands tagged with ids while one reader thread delivers replies to their callers and events to
 * a listener. Several threads may issue commands at once. When qemu goes away every pending call
 * fails and the listener hears {@link #CLOSED}.
 */
final class Qmp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Qmp.class);
    /** The pseudo-event the listener gets once, when the connection ends. */
    static final String CLOSED = "jxapi-qmp-closed";

    /**
     * QMP messages as Jackson trees: qemu's replies are read where they are used, and a missing or
     * mistyped member reads as absent, 0 or false ({@code path}, {@code longValue}, {@code asText(null)}).
     * Also reads and writes the domain files.
     */
    static final ObjectMapper JSON = new ObjectMapper();

    /** An event: its name, its data (possibly empty) and qemu's timestamp in seconds. */
    record Event(String name, JsonNode data, double timestamp) {
    }

    private final String name;
    private final SocketChannel channel;
    private final BufferedReader in;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final JsonNode version;
    private volatile Consumer<Event> listener = e -> { };
    private volatile boolean closed;
    private Thread reader;

    private Qmp(String name, SocketChannel channel) throws IOException {
        this.name = name;
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        String greeting = in.readLine();
        if (greeting == null) {
            throw new IOException("qemu closed the QMP socket before its greeting");
        }
        this.version = JSON.readTree(greeting).path("QMP").path("version");
    }

    /**
     * Connects to {@code socket}, retrying until {@code timeout} while the socket is not yet there
     * (qemu creates it a few milliseconds after it starts), then negotiates capabilities.
     */
    static Qmp connect(String name, Path socket, Duration timeout, java.util.function.BooleanSupplier keepTrying)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        long pauseMs = 1;
        while (System.nanoTime() < deadline && keepTrying.getAsBoolean()) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                Qmp q = new Qmp(name, ch);
                q.start();
                q.call("qmp_capabilities", Map.of(), Duration.ofSeconds(30));
                return q;
            } catch (IOException e) {
                ch.close();
                last = e;
            } catch (RuntimeException e) {
                ch.close();
                throw e;
            }
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + socket);
            }
            pauseMs = Math.min(20, pauseMs * 2);
        }
        throw last != null ? last : new IOException("gave up connecting to " + socket);
    }

    private void start() {
        reader = new Thread(this::readLoop, "qmp-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Where events go from now on; called on the reader thread, so it must not wait for QMP replies. */
    void onEvent(Consumer<Event> l) {
        listener = l;
    }

    JsonNode version() {
        return version;
    }

    boolean isClosed() {
        return closed;
    }

    JsonNode call(String command) {
        return call(command, Map.of(), Duration.ofSeconds(60));
    }

    JsonNode call(String command, Map<String, Object> arguments) {
        return call(command, arguments, Duration.ofSeconds(60));
    }

    /** Runs a command and returns its {@code return} value; a QMP error is a {@link QmpException}. */
    JsonNode call(String command, Map<String, Object> arguments, Duration timeout) {
        CompletableFuture<JsonNode> reply = send(command, arguments);
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new QmpException(command, "Failed", String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new QmpException(command, "Timeout", "no reply within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException(command, "Interrupted", "interrupted");
        }
    }

    /** Sends a command without waiting; the future completes with its {@code return} value. */
    CompletableFuture<JsonNode> send(String command, Map<String, Object> arguments) {
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        if (closed) {
            reply.completeExceptionally(new QmpException(command, "Closed", "QMP connection " + name + " is closed"));
            return reply;
        }
        pending.put(id, reply);
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("execute", command);
        if (!arguments.isEmpty()) {
            msg.put("arguments", arguments);
        }
        msg.put("id", id);
        byte[] bytes = XenopsJson.write(msg);
        ByteBuffer buf = ByteBuffer.allocate(bytes.length + 1);
        buf.put(bytes).put((byte) '\n').flip();
        try {
            synchronized (channel) {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        } catch (IOException e) {
            pending.remove(id);
            reply.completeExceptionally(new QmpException(command, "Closed", e.getMessage()));
        }
        return reply;
    }

    private void readLoop() {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                dispatch(JSON.readTree(line));
            }
        } catch (IOException | UncheckedIOException e) {
            if (!closed) {
                LOG.debug("QMP {}: {}", name, e.toString());
            }
        } catch (RuntimeException e) {
            LOG.warn("QMP {}: unreadable message, dropping the connection", name, e);
        } finally {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                LOG.trace("closing QMP {}", name, e);
            }
            pending.forEach((id, f) -> f.completeExceptionally(new QmpException("?", "Closed", "qemu went away")));
            pending.clear();
            deliver(new Event(CLOSED, JSON.createObjectNode(), System.currentTimeMillis() / 1000.0));
        }
    }

    private void dispatch(JsonNode msg) {
        if (msg.has("event")) {
            JsonNode ts = msg.path("timestamp");
            double t = ts.path("seconds").doubleValue() + ts.path("microseconds").doubleValue() / 1e6;
            deliver(new Event(msg.path("event").asText(), msg.path("data"), t));
            return;
        }
        String id = msg.path("id").asText(null);
        CompletableFuture<JsonNode> f = id == null ? null : pending.remove(id);
        if (f == null) {
            LOG.debug("QMP {}: reply without a caller: {}", name, msg);
            return;
        }
        if (msg.has("error")) {
            JsonNode err = msg.path("error");
            f.completeExceptionally(new QmpException("?", err.path("class").asText("null"),
                    err.path("desc").asText("null")));
        } else {
            f.complete(msg.path("return"));
        }
    }

    private void deliver(Event e) {
        try {
            listener.accept(e);
        } catch (RuntimeException ex) {
            LOG.warn("QMP {}: event listener failed on {}", name, e.name(), ex);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.trace("closing QMP {}", name, e);
        }
    }
}
