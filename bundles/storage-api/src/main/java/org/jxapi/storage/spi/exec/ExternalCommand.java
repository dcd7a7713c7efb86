package org.jxapi.storage.spi.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external program to run: its argument vector, optional standard input, environment and
 * working directory, and a time limit. {@link #run()} waits for it; when the time is up, or the
 * calling thread is interrupted (a cancelled task), the program and its descendants are killed
 * and a {@link CommandException} says why, with the standard error captured so far. Instances
 * are immutable; the {@code with...} methods return changed copies.
 */
public final class ExternalCommand {
    /** Output beyond this is dropped, so a runaway program cannot exhaust memory. */
    public static final int MAX_CAPTURE = 16 * 1024 * 1024;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final long DRAIN_MILLIS = 5_000;

    private final List<String> argv;
    private final byte[] stdin;
    private final Map<String, String> env;
    private final Path directory;
    private final Duration timeout;

    private ExternalCommand(List<String> argv, byte[] stdin, Map<String, String> env, Path directory,
            Duration timeout) {
        this.argv = List.copyOf(argv);
        this.stdin = stdin;
        this.env = Map.copyOf(env);
        this.directory = directory;
        this.timeout = timeout;
    }

    public static ExternalCommand of(String... argv) {
        return of(List.of(argv));
    }

    public static ExternalCommand of(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        return new ExternalCommand(argv, null, Map.of(), null, DEFAULT_TIMEOUT);
    }

    public ExternalCommand withStdin(String text) {
        return new ExternalCommand(argv, text.getBytes(StandardCharsets.UTF_8), env, directory, timeout);
    }

    public ExternalCommand withEnv(String key, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(key, value);
        return new ExternalCommand(argv, stdin, e, directory, timeout);
    }

    public ExternalCommand withDirectory(Path dir) {
        return new ExternalCommand(argv, stdin, env, dir, timeout);
    }

    public ExternalCommand withTimeout(Duration t) {
        return new ExternalCommand(argv, stdin, env, directory, t);
    }

    public List<String> argv() {
        return argv;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Runs the program to its end and returns how it ended, whatever its exit code. */
    public CommandResult run() {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CommandException(CommandException.Kind.START_FAILED, argv, "",
                    "cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        Capture out = new Capture(p.getInputStream(), "stdout");
        Capture err = new Capture(p.getErrorStream(), "stderr");
        Thread feeder = stdin == null ? null : feed(p.getOutputStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new CommandException(CommandException.Kind.TIMED_OUT, argv, err.text(),
                        argv.get(0) + " did not finish within " + timeout.toSeconds() + " s", null);
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new CommandException(CommandException.Kind.CANCELLED, argv, err.text(),
                    argv.get(0) + " was cancelled", e);
        }
        out.drain();
        err.drain();
        if (feeder != null) {
            feeder.interrupt();
        }
        return new CommandResult(argv, p.exitValue(), out.text(), err.text());
    }

    private Thread feed(OutputStream in) {
        Thread t = new Thread(() -> {
            try (OutputStream o = in) {
                o.write(stdin);
            } catch (IOException ignored) {
                // The program exited without reading all of it; its exit code tells the story.
            }
        }, "exec-stdin-" + argv.get(0));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }

    /** Reads one output stream of the program on its own thread, keeping at most MAX_CAPTURE bytes. */
    private final class Capture {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final Thread thread;

        Capture(InputStream in, String name) {
            thread = new Thread(() -> pump(in), "exec-" + name + "-" + argv.get(0));
            thread.setDaemon(true);
            thread.start();
        }

        private void pump(InputStream in) {
            byte[] chunk = new byte[8192];
            try (InputStream i = in) {
                int n;
                while ((n = i.read(chunk)) > 0) {
                    synchronized (buf) {
                        if (buf.size() < MAX_CAPTURE) {
                            buf.write(chunk, 0, Math.min(n, MAX_CAPTURE - buf.size()));
                        }
                    }
                }
            } catch (IOException ignored) {
                // The pipe closed under us because the process was killed.
            }
        }

        /** Waits, boundedly, for the rest of the output: a grandchild may hold the pipe open. */
        void drain() {
            try {
                thread.join(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String text() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
