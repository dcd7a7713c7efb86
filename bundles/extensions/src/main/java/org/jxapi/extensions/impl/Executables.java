package org.jxapi.extensions.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The executables of one directory ({@code extensions/} or {@code plugins/}). As in the original,
 * only a name that the directory lists can run, so no name reaches outside it.
 */
final class Executables {
    /** A finished run. {@code timedOut} and {@code cancelled} runs were killed. */
    record Run(int exitCode, String stdout, String stderr, boolean timedOut, boolean cancelled) {
    }

    private final Path dir;
    private final Duration timeout;

    Executables(Path dir, Duration timeout) {
        this.dir = dir;
        this.timeout = timeout;
    }

    Path dir() {
        return dir;
    }

    Optional<Path> find(String name) {
        if (name == null || name.isEmpty() || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.getFileName().toString().equals(name) && Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Runs {@code command}, feeding {@code stdin} (then closing it); kills it on timeout or cancellation. */
    Run run(List<String> command, String stdin, BooleanSupplier cancelled) {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).start();
        } catch (IOException e) {
            return new Run(127, "", e.getMessage(), false, false);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The program closed its input early; what it prints still decides.
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean timedOut = false;
        boolean wasCancelled = false;
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    wasCancelled = true;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            wasCancelled = true;
        }
        if (timedOut || wasCancelled) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Run(p.isAlive() ? -1 : p.exitValue(), out.join(), err.join(), timedOut, wasCancelled);
    }

    /** Reads a stream to its end on a thread of its own (a shared pool could starve and block the child). */
    private static CompletableFuture<String> drain(InputStream s) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (s) {
                s.transferTo(b);
            } catch (IOException e) {
                // Killing a timed-out or cancelled program closes its pipes under this reader
                // ("Stream closed"): what it printed so far is its output, and the timeout or the
                // cancellation, not this exception, is what the caller reports.
            }
            f.complete(b.toString(StandardCharsets.UTF_8));
        }, "jxapi-extension-output");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
