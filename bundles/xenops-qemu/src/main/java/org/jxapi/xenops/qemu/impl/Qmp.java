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

    /** An event: its name, its data (possibly empty) and qemu's timestamp in seconds. */
    record Event(String name, Map<String, Object> data, double timestamp) {
    }

    private final String name;
    private final SocketChannel channel;
    private final BufferedReader in;
    private final Map<String, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Object> version;
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
        Map<String, Object> g = Json.map(XenopsJson.parse(greeting.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> qmp = Json.map(g.get("QMP"));
        this.version = Json.map(qmp.get("version"));
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

    Map<String, Object> version() {
        return version;
    }

    boolean isClosed() {
        return closed;
    }

    Object call(String command) {
        return call(command, Map.of(), Duration.ofSeconds(60));
    }

    Object call(String command, Map<String, Object> arguments) {
        return call(command, arguments, Duration.ofSeconds(60));
    }

    /** Runs a command and returns its {@code return} value; a QMP error is a {@link QmpException}. */
    Object call(String command, Map<String, Object> arguments, Duration timeout) {
        CompletableFuture<Object> reply = send(command, arguments);
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
    CompletableFuture<Object> send(String command, Map<String, Object> arguments) {
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<Object> reply = new CompletableFuture<>();
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
                dispatch(Json.map(XenopsJson.parse(line.getBytes(StandardCharsets.UTF_8))));
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
            deliver(new Event(CLOSED, Map.of(), System.currentTimeMillis() / 1000.0));
        }
    }

    private void dispatch(Map<String, Object> msg) {
        if (msg.containsKey("event")) {
            Map<String, Object> ts = Json.map(msg.get("timestamp"));
            double t = Json.num(ts.get("seconds")) + Json.num(ts.get("microseconds")) / 1e6;
            deliver(new Event(String.valueOf(msg.get("event")), Json.map(msg.get("data")), t));
            return;
        }
        Object id = msg.get("id");
        CompletableFuture<Object> f = id == null ? null : pending.remove(String.valueOf(id));
        if (f == null) {
            LOG.debug("QMP {}: reply without a caller: {}", name, msg);
            return;
        }
        if (msg.containsKey("error")) {
            Map<String, Object> err = Json.map(msg.get("error"));
            f.completeExceptionally(new QmpException("?", String.valueOf(err.get("class")),
                    String.valueOf(err.get("desc"))));
        } else {
            f.complete(msg.get("return"));
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
