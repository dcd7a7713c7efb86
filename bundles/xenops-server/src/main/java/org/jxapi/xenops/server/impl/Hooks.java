package org.jxapi.xenops.server.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.hooks.HookInvocation;
import org.jxapi.xenops.hooks.HookRefusal;
import org.jxapi.xenops.hooks.LifecycleHook;
import org.jxapi.xenops.spi.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hooks: every executable regular file in {@code <root>/<hook>/}, with
 * {@code -vmuuid <uuid> -reason <reason>} (the order the original passes them), and the
 * {@link LifecycleHook} services registered for the point, together in the byte order of their
 * names (a script first on a tie; unnamed services last, oldest first). A script's exit code 0
 * is success, 1 is logged and ignored, anything else fails the operation with
 * {@code Hook_failed}; a service fails it by throwing {@link HookRefusal}. Hooks run in the task:
 * cancelling the task kills a running script.
 */
final class Hooks {
    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);
    static final int EXIT_LOG_AND_CONTINUE = 1;
    /** The exit_code parameter of Hook_failed when a service, not a script, refused. */
    static final String REFUSED = "refused";

    private final Path root;
    private final HookServices services;
    private final String queue;

    Hooks(Path root) {
        this(root, new HookServices(), "");
    }

    Hooks(Path root, HookServices services, String queue) {
        this.root = root;
        this.services = services;
        this.queue = queue;
    }

    /** A script or a service, at its place in the order. */
    private record Step(String name, Path script, HookServices.Registered service) {
    }

    /** What runs at {@code hook}, in order: file names of scripts, {@code service:<name>} for services. */
    List<String> order(Hook hook) {
        return steps(hook).stream().map(s -> s.script() != null ? s.name() : "service:" + s.name()).toList();
    }

    private List<Step> steps(Hook hook) {
        List<Step> named = new ArrayList<>();
        for (Path p : scripts(hook)) {
            named.add(new Step(p.getFileName().toString(), p, null));
        }
        List<Step> unnamed = new ArrayList<>();
        for (HookServices.Registered r : services.at(hook.directory())) {
            if (r.name() == null) {
                unnamed.add(new Step("#" + r.serviceId(), null, r));
            } else {
                named.add(new Step(r.name(), null, r));
            }
        }
        // A stable sort keeps scripts (added first) ahead of services of the same name.
        named.sort((a, b) -> compareBytes(a.name(), b.name()));
        unnamed.sort(java.util.Comparator.comparingLong(s -> s.service().serviceId()));
        named.addAll(unnamed);
        return named;
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
        for (Step step : steps(hook)) {
            if (step.script() != null) {
                runScript(task, hook, reason, vmId, extraArgs, step.script());
            } else {
                runService(task, hook, reason, vmId, step);
            }
        }
    }

    private void runService(Task task, Hook hook, String reason, String vmId, Step step) {
        String name = hook.directory() + "/" + step.name();
        task.log("hook service " + name + " -vmuuid " + vmId + " -reason " + reason);
        try {
            step.service().hook().run(new HookInvocation(hook.directory(), reason, vmId, queue));
        } catch (HookRefusal refusal) {
            throw XenopsException.of(org.jxapi.xenops.api.XenopsErrorCode.HOOK_FAILED, name, reason,
                    String.valueOf(refusal.getMessage()), REFUSED);
        } catch (RuntimeException e) {
            LOG.warn("hook service {} ({}) for VM {} failed; continuing as for a script's exit status 1", name, reason,
                    vmId, e);
            task.log("hook service " + name + " failed: " + e + ": logged, continuing");
        }
    }

    private void runScript(Task task, Hook hook, String reason, String vmId, List<String> extraArgs, Path script) {
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
            return;
        }
        if (r.exitCode() == EXIT_LOG_AND_CONTINUE) {
            LOG.info("hook {} ({}) for VM {} asked to log and continue: {}", name, reason, vmId, r.output());
            task.log("hook " + name + " exited 1: logged, continuing");
            return;
        }
        throw XenopsException.hookFailed(name, reason, r.output(), r.exitCode());
    }
}
