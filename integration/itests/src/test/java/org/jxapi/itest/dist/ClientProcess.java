package org.jxapi.itest.dist;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jxapi.xenapi.wire.JsonWire;

/** A client program (node, python) run by a test; its stdout is a stream of JSON objects, one per line. */
final class ClientProcess implements AutoCloseable {
    private final Process process;
    /** Lines not taken yet, in order; guarded by itself. */
    private final List<Map<?, ?>> lines = new ArrayList<>();
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
                        Map<?, ?> m = (Map<?, ?>) JsonWire.parseValue(new java.io.ByteArrayInputStream(
                                line.getBytes(StandardCharsets.UTF_8)));
                        synchronized (lines) {
                            lines.add(m);
                            lines.notifyAll();
                        }
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Takes the first line not taken yet whose "event" is {@code event}, waiting up to the timeout. Lines
     * of other events stay for later calls: the client's lines of different kinds can come in either
     * order (an Async call of its own may finish before another client's change reaches it).
     */
    Map<?, ?> await(String event, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lines) {
            while (true) {
                for (Iterator<Map<?, ?>> i = lines.iterator(); i.hasNext();) {
                    Map<?, ?> m = i.next();
                    if (event.equals(m.get("event"))) {
                        i.remove();
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no \"" + event + "\" within " + timeoutMillis + " ms; the client said:\n"
                            + transcript());
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
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
