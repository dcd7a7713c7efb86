package org.jxapi.common.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A started {@link ExternalCommand}. Its output goes to private temporary files, not pipes: no
 * reader threads are needed, a grandchild that keeps the output open (a daemon a hook started)
 * cannot make the caller wait, and what a killed program printed is simply what the file holds.
 */
public final class RunningCommand {
    private static final long POLL_MILLIS = 100;
    private static final long REAP_MILLIS = 5_000;

    private final ExternalCommand command;
    private final Process process;
    private final Path out;
    private final Path err;
    private final Path in;
    private volatile boolean cancelled;

    private RunningCommand(ExternalCommand command, Process process, Path out, Path err, Path in) {
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    static RunningCommand start(ExternalCommand c) {
        Path out = null;
        Path err = null;
        Path in = null;
        try {
            // createTempFile makes them readable by their owner only: stdin may hold credentials.
            out = Files.createTempFile("jxapi-exec-", ".out");
            err = c.mergeOutput ? null : Files.createTempFile("jxapi-exec-", ".err");
            if (c.stdin != null) {
                in = Files.createTempFile("jxapi-exec-", ".in");
                Files.write(in, c.stdin);
            }
            ProcessBuilder pb = new ProcessBuilder(c.argv);
            Map<String, String> env = pb.environment();
            if (c.replaceEnv) {
                env.clear();
            }
            env.putAll(c.env);
            if (c.directory != null) {
                pb.directory(c.directory.toFile());
            }
            pb.redirectInput(in == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                    : ProcessBuilder.Redirect.from(in.toFile()));
            pb.redirectOutput(out.toFile());
            if (err == null) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(err.toFile());
            }
            return new RunningCommand(c, pb.start(), out, err, in);
        } catch (IOException e) {
            deleteQuietly(out);
            deleteQuietly(err);
            deleteQuietly(in);
            throw new CommandException(CommandException.Kind.START_FAILED, c.argv, -1, "", "",
                    "cannot run " + c.argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the program and its descendants; {@link #await()} then throws a CANCELLED {@link CommandException}. */
    public void cancel() {
        cancelled = true;
        killTree(process);
    }

    /** Waits for the program's end (or its time limit, or a cancellation) and returns how it ended. */
    public CommandResult await() {
        String name = command.argv.get(0);
        try {
            // nanoTime may be negative: compare differences only, and keep "no limit" apart.
            long start = System.nanoTime();
            while (true) {
                if (cancelled || command.cancelWhen != null && command.cancelWhen.getAsBoolean()) {
                    throw stopped(CommandException.Kind.CANCELLED, name + " was cancelled", null);
                }
                long left = command.timeout == null ? Long.MAX_VALUE
                        : command.timeout.toNanos() - (System.nanoTime() - start);
                if (left <= 0) {
                    throw stopped(CommandException.Kind.TIMED_OUT,
                            name + " did not finish within " + command.timeout.toSeconds() + " s", null);
                }
                long slice = command.cancelWhen == null ? left : Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                if (process.waitFor(slice, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
            if (cancelled) {
                // cancel() killed it from another thread while we waited.
                throw stopped(CommandException.Kind.CANCELLED, name + " was cancelled", null);
            }
            return new CommandResult(command.argv, process.exitValue(), read(out), read(err));
        } catch (InterruptedException e) {
            cancelled = true;
            CommandException c = stopped(CommandException.Kind.CANCELLED, name + " was cancelled", e);
            Thread.currentThread().interrupt();
            throw c;
        } finally {
            if (process.isAlive()) {
                killTree(process);
            }
            deleteQuietly(out);
            deleteQuietly(err);
            deleteQuietly(in);
        }
    }

    private CommandException stopped(CommandException.Kind kind, String message, Throwable cause) {
        killTree(process);
        int code = process.isAlive() ? -1 : process.exitValue();
        return new CommandException(kind, command.argv, code, read(out), read(err), message, cause);
    }

    /**
     * Kills the descendants first (once the parent is dead they are re-parented and out of reach),
     * then the program, and reaps it for a bounded time, even if this thread is interrupted.
     */
    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REAP_MILLIS);
        try {
            while (p.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    p.waitFor(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** At most {@link ExternalCommand#MAX_CAPTURE} bytes of a capture file, as UTF-8. */
    private static String read(Path file) {
        if (file == null) {
            return "";
        }
        try (InputStream s = Files.newInputStream(file)) {
            return new String(s.readNBytes(ExternalCommand.MAX_CAPTURE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // A leftover in the temporary directory; nothing the caller can do about it.
            }
        }
    }
}
