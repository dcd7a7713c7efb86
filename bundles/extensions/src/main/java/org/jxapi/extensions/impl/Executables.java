package org.jxapi.extensions.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;

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

    /** Runs {@code command}, feeding {@code stdin} (if any); kills it on timeout or cancellation. */
    Run run(List<String> command, String stdin, BooleanSupplier cancelled) {
        ExternalCommand c = ExternalCommand.of(command).withDirectory(dir).withTimeout(timeout).cancelWhen(cancelled);
        if (stdin != null) {
            c = c.withStdin(stdin);
        }
        try {
            CommandResult r = c.run();
            return new Run(r.exitCode(), r.stdout(), r.stderr(), false, false);
        } catch (CommandException e) {
            return switch (e.kind()) {
                // As a shell reports a program it cannot run.
                case START_FAILED -> new Run(127, "", e.getCause() == null ? e.getMessage() : e.getCause().getMessage(),
                        false, false);
                case TIMED_OUT -> new Run(e.exitCode(), e.stdout(), e.stderr(), true, false);
                case CANCELLED -> new Run(e.exitCode(), e.stdout(), e.stderr(), false, true);
            };
        }
    }
}
