package org.jxapi.sm.smapiv3.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.sm.support.Json;
import org.jxapi.xenapi.model.XenApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one function of a SMAPIv3 plugin as the original's xapi-storage-script does: runs the
 * executable {@code <plugin dir>/<Interface>.<function>} (matched without regard to case) with
 * {@code --json}, writes the named arguments as one JSON object to its standard input, and reads
 * one JSON value from its standard output. A non-zero exit carries an error object
 * {@code {"code", "params", "backtrace"}} on standard output, which becomes the XenAPI error
 * {@code code} with {@code params}; anything else becomes the original's {@code SCRIPT_MISSING},
 * {@code SCRIPT_NOT_EXECUTABLE} or {@code SCRIPT_FAILED}.
 */
final class ScriptRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);
    private final Duration timeout;

    ScriptRunner(Duration timeout) {
        this.timeout = timeout;
    }

    static Path find(Path dir, String name) {
        Path exact = dir.resolve(name);
        if (Files.exists(exact)) {
            return exact;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.getFileName().toString().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", dir, e.toString());
        }
        return exact;
    }

    static boolean has(Path dir, String name) {
        Path p = find(dir, name);
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    Object call(Path dir, String name, Map<String, Object> args) {
        Path script = find(dir, name);
        if (!Files.isRegularFile(script)) {
            throw new XenApiException("SCRIPT_MISSING", script.toString(),
                    "Check whether the file exists and has correct permissions");
        }
        if (!Files.isExecutable(script)) {
            throw new XenApiException("SCRIPT_NOT_EXECUTABLE", script.toString(), "not executable");
        }
        String request = Json.compact(args);
        LOG.debug("{} <- {}", script, request);
        CommandResult r;
        try {
            r = ExternalCommand.of(script.toString(), "--json").withStdin(request).withDirectory(dir)
                    .withTimeout(timeout).run();
        } catch (CommandException e) {
            throw new XenApiException("SCRIPT_FAILED", List.of(script.toString(), e.getMessage(), e.stderr()), e);
        }
        String out = r.stdout().strip();
        if (!r.ok()) {
            Map<String, Object> error;
            try {
                error = Loose.map(Json.parse(out));
            } catch (RuntimeException e) {
                error = Map.of();
            }
            if (error.get("code") == null) {
                throw new XenApiException("SCRIPT_FAILED", script.toString(), "non-zero exit and bad json on stdout",
                        Integer.toString(r.exitCode()), r.stdout(), r.stderr());
            }
            LOG.info("{} failed: {}", script, out);
            throw new XenApiException(Loose.str(error.get("code")), Loose.stringList(error.get("params")), null);
        }
        try {
            return out.isEmpty() ? null : Json.parse(out);
        } catch (RuntimeException e) {
            throw new XenApiException("SCRIPT_FAILED", script.toString(), "bad json on stdout", r.stdout());
        }
    }
}
