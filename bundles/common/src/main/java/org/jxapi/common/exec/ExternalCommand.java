package org.jxapi.common.exec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * An external program to run: its argument vector, optional standard input, environment and
 * working directory, and a time limit. {@link #run()} waits for it; when the time is up, or the
 * run is cancelled (the calling thread is interrupted, {@link RunningCommand#cancel()} is called,
 * or the {@link #cancelWhen} condition holds), the program and its descendants are killed and a
 * {@link CommandException} says why, with the output captured so far. Instances are immutable;
 * the {@code with...} methods return changed copies.
 *
 * <p>This is the one way jxapi bundles run a short-lived program; a long-running child with a life
 * of its own (a domain's qemu) is spawned by its owner instead.
 */
public final class ExternalCommand {
    /** Output beyond this is not read back, so a runaway program cannot exhaust memory. */
    public static final int MAX_CAPTURE = 16 * 1024 * 1024;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    final List<String> argv;
    final byte[] stdin;
    final Map<String, String> env;
    final boolean replaceEnv;
    final Path directory;
    final Duration timeout;
    final boolean mergeOutput;
    final BooleanSupplier cancelWhen;

    private ExternalCommand(List<String> argv, byte[] stdin, Map<String, String> env, boolean replaceEnv,
            Path directory, Duration timeout, boolean mergeOutput, BooleanSupplier cancelWhen) {
        this.argv = List.copyOf(argv);
        this.stdin = stdin;
        this.env = Map.copyOf(env);
        this.replaceEnv = replaceEnv;
        this.directory = directory;
        this.timeout = timeout;
        this.mergeOutput = mergeOutput;
        this.cancelWhen = cancelWhen;
    }

    public static ExternalCommand of(String... argv) {
        return of(List.of(argv));
    }

    public static ExternalCommand of(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        return new ExternalCommand(argv, null, Map.of(), false, null, DEFAULT_TIMEOUT, false, null);
    }

    /** The program reads {@code text} (UTF-8) on standard input; without this it reads /dev/null. */
    public ExternalCommand withStdin(String text) {
        return withStdin(text.getBytes(StandardCharsets.UTF_8));
    }

    public ExternalCommand withStdin(byte[] bytes) {
        return new ExternalCommand(argv, bytes.clone(), env, replaceEnv, directory, timeout, mergeOutput, cancelWhen);
    }

    /** Adds or changes one variable of the environment the program inherits from this JVM. */
    public ExternalCommand withEnv(String key, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(key, value);
        return new ExternalCommand(argv, stdin, e, replaceEnv, directory, timeout, mergeOutput, cancelWhen);
    }

    /** The program's whole environment: nothing is inherited from this JVM. */
    public ExternalCommand withEnvironment(Map<String, String> environment) {
        return new ExternalCommand(argv, stdin, environment, true, directory, timeout, mergeOutput, cancelWhen);
    }

    public ExternalCommand withDirectory(Path dir) {
        return new ExternalCommand(argv, stdin, env, replaceEnv, dir, timeout, mergeOutput, cancelWhen);
    }

    /** The time limit (five minutes unless changed). */
    public ExternalCommand withTimeout(Duration t) {
        if (t == null || t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive; use withoutTimeout()");
        }
        return new ExternalCommand(argv, stdin, env, replaceEnv, directory, t, mergeOutput, cancelWhen);
    }

    /** No time limit: only cancellation stops the program (for callers whose task has its own bounds). */
    public ExternalCommand withoutTimeout() {
        return new ExternalCommand(argv, stdin, env, replaceEnv, directory, null, mergeOutput, cancelWhen);
    }

    /** Standard error goes, in order, into the same capture as standard output; {@code stderr()} is empty. */
    public ExternalCommand withMergedOutput() {
        return new ExternalCommand(argv, stdin, env, replaceEnv, directory, timeout, true, cancelWhen);
    }

    /**
     * Cancels the run as soon as {@code condition} holds, checked every 100 ms, for callers whose
     * cancellation is a flag (a XenAPI task) rather than an interrupt or a callback.
     */
    public ExternalCommand cancelWhen(BooleanSupplier condition) {
        return new ExternalCommand(argv, stdin, env, replaceEnv, directory, timeout, mergeOutput, condition);
    }

    public List<String> argv() {
        return argv;
    }

    /** The time limit, or null when there is none. */
    public Duration timeout() {
        return timeout;
    }

    /** Runs the program to its end and returns how it ended, whatever its exit code. */
    public CommandResult run() {
        return start().await();
    }

    /**
     * Starts the program; the caller must {@link RunningCommand#await() await} it, which is what
     * reaps it and frees its captures. A caller cancels it from another thread with
     * {@link RunningCommand#cancel()}.
     */
    public RunningCommand start() {
        return RunningCommand.start(this);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
