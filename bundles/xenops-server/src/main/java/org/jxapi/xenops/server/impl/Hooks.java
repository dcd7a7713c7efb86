package org.jxapi.xenops.server.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hook scripts: every executable regular file in {@code <root>/<hook>/}, in file-name order,
 * with {@code -vmuuid <uuid> -reason <reason>} (the order the original passes them). Exit code 0
 * is success, 1 is logged and ignored, anything else fails the operation with {@code Hook_failed}.
 * A script runs in the task: cancelling the task kills it.
 */
final class Hooks {
    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);
    static final int EXIT_LOG_AND_CONTINUE = 1;

    private final Path root;

    Hooks(Path root) {
        this.root = root;
    }

    /** The scripts that would run for {@code hook}, in order. */
    List<Path> scripts(Hook hook) {
        Path dir = root.resolve(hook.directory());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> scripts = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    scripts.add(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list hook directory {}: {}", dir, e.toString());
            return List.of();
        }
        // Byte order of the names, as the original's sort of the directory listing.
        scripts.sort((a, b) -> compareBytes(a.getFileName().toString(), b.getFileName().toString()));
        return scripts;
    }

    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void run(Task task, Hook hook, String reason, String vmId, List<String> extraArgs) {
        for (Path script : scripts(hook)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(script.toString());
            cmd.add("-vmuuid");
            cmd.add(vmId);
            cmd.add("-reason");
            cmd.add(reason);
            cmd.addAll(extraArgs);
            String name = hook.directory() + "/" + script.getFileName();
            task.log("hook " + name + " " + String.join(" ", cmd.subList(1, cmd.size())));
            Task.ProcessResult r = task.run(new ProcessBuilder(cmd));
            if (r.exitCode() == 0) {
                continue;
            }
            if (r.exitCode() == EXIT_LOG_AND_CONTINUE) {
                LOG.info("hook {} ({}) for VM {} asked to log and continue: {}", name, reason, vmId, r.output());
                task.log("hook " + name + " exited 1: logged, continuing");
                continue;
            }
            throw XenopsException.hookFailed(name, reason, r.output(), r.exitCode());
        }
    }
}
