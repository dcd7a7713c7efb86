package org.jxapi.itest.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * An interactive SSH session with a terminal (PTY) into the distribution's Karaf shell, as a
 * person at a terminal has: keys go in (Tab, Ctrl-C included), the screen's text comes out.
 */
final class SshShell implements AutoCloseable {
    private final SshClient client;
    private final ClientSession session;
    private final ChannelShell channel;
    private final OutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    SshShell(int port, String user, String password) throws IOException {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        session = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(15)).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(Duration.ofSeconds(15));
        channel = session.createShellChannel();
        channel.setPtyType("xterm");
        channel.setPtyColumns(200);
        channel.setPtyLines(50);
        PipedInputStream in = new PipedInputStream(64 * 1024);
        keys = new PipedOutputStream(in);
        channel.setIn(in);
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (screen) {
                    screen.write(b);
                    screen.notifyAll();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (screen) {
                    screen.write(b, off, len);
                    screen.notifyAll();
                }
            }
        };
        channel.setOut(sink);
        channel.setErr(sink);
        channel.open().verify(Duration.ofSeconds(15));
    }

    /** Whether the server refuses this login. */
    static boolean refused(int port, String user, String password) {
        try (SshShell s = new SshShell(port, user, password)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private static String strip(String raw) {
        return raw.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001B[=>]", "");
    }

    private String raw() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Everything shown so far, without terminal escape sequences. */
    String text() {
        return strip(raw());
    }

    /**
     * Waits until what the screen showed after {@code from} (a {@link #mark()}) contains
     * {@code expected}, escape sequences left out; returns that part.
     */
    String await(String expected, int from, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (screen) {
            while (true) {
                String raw = raw();
                String shown = strip(raw.substring(Math.min(from, raw.length())));
                if (shown.contains(expected)) {
                    return shown;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the shell did not show \"" + expected + "\" within " + timeout
                            + "; it shows:\n" + shown);
                }
                screen.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** A position in what was shown, in raw characters (escape sequences included). */
    int mark() {
        return raw().length();
    }

    @Override
    public void close() throws IOException {
        try {
            keys.close();
            channel.close(false).await(Duration.ofSeconds(5));
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
        } finally {
            session.close();
            client.stop();
        }
    }
}
