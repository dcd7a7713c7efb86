package org.jxapi.itest.dist;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jxapi.xenapi.wire.JsonWire;

/** A client program (node, python) run by a test; its stdout is a stream of JSON objects, one per line. */
final class ClientProcess implements AutoCloseable {
    private final Process process;
    private final LinkedBlockingQueue<Map<?, ?>> lines = new LinkedBlockingQueue<>();
    private final StringBuilder transcript = new StringBuilder();

    ClientProcess(ProcessBuilder pb) throws Exception {
        pb.redirectErrorStream(true);
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (transcript) {
                        transcript.append(line).append('\n');
                    }
                    if (line.startsWith("{")) {
                        lines.add((Map<?, ?>) JsonWire.parseValue(new java.io.ByteArrayInputStream(
                                line.getBytes(StandardCharsets.UTF_8))));
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** The next line whose "event" is {@code event}, waiting up to the timeout; skips others. */
    Map<?, ?> await(String event, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            Map<?, ?> m = left <= 0 ? null : lines.poll(left, TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no \"" + event + "\" within " + timeoutMillis + " ms; the client said:\n"
                        + transcript());
            }
            if (event.equals(m.get("event"))) {
                return m;
            }
        }
    }

    String transcript() {
        synchronized (transcript) {
            return transcript.toString();
        }
    }

    int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
