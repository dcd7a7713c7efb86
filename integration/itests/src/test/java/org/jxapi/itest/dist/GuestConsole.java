package org.jxapi.itest.dist;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test guest's serial console as a client reaches it through its XenAPI {@code console}
 * object (the TCP port in other_config): what the guest prints is collected, and shell commands
 * can be run on the console's shell and their output read back.
 */
final class GuestConsole implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final Socket socket;
    private final StringBuilder seen = new StringBuilder();
    private final Thread reader;

    GuestConsole(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        reader = new Thread(this::read, "guest-console-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buf = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (seen) {
                    seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    seen.notifyAll();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    String text() {
        synchronized (seen) {
            return seen.toString();
        }
    }

    /** Waits until the console has shown {@code marker} after offset {@code from}; returns the offset after it. */
    int await(String marker, int from, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        synchronized (seen) {
            while (true) {
                int i = seen.indexOf(marker, from);
                if (i >= 0) {
                    return i + marker.length();
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("the console did not show " + marker + " in " + seconds + " s; it showed:\n"
                            + tail(seen.toString()));
                }
                seen.wait(left);
            }
        }
    }

    int length() {
        synchronized (seen) {
            return seen.length();
        }
    }

    /** Runs a command on the guest's console shell and returns what it printed (trimmed). */
    String run(String command, double seconds) throws Exception {
        int n = SEQ.incrementAndGet();
        // The quotes keep the typed line (echoed by the tty) from matching the printed markers.
        String begin = "<<" + n + ">>";
        String end = "<</" + n + ">>";
        int from = length();
        send("echo '<<'" + n + "'>>'; " + command + "; echo '<</'" + n + "'>>'\n");
        int start = await(begin, from, seconds);
        int stop = await(end, start, seconds);
        return text().substring(start, stop - end.length()).replace("\r", "").trim();
    }

    void send(String s) throws IOException {
        socket.getOutputStream().write(s.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
