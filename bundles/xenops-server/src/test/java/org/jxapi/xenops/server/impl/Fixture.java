package org.jxapi.xenops.server.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.jxapi.xenops.spi.XenopsBackend;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An engine over a simulator in a temporary directory, optionally serving its Unix socket with a
 * client connected; the helpers wait for tasks the way the original's tests do, through
 * {@code UPDATES.get}.
 */
final class Fixture implements AutoCloseable {
    static final String DBG = "test";
    private static final AtomicInteger SOCKETS = new AtomicInteger();

    final Path dir;
    final XenopsBackend backend;
    final Engine engine;
    final XenopsService service;
    final HookServices hookServices = new HookServices();
    RpcServer rpc;
    XenopsClient client;

    Fixture(Path dir, XenopsBackend backend, int poolSize, double minimumRebootDelay) {
        this.dir = dir;
        this.backend = backend;
        this.engine = new Engine(new Engine.Settings("org.xen.xapi.xenops.test", dir.resolve("data"), poolSize,
                dir.resolve("hooks"), minimumRebootDelay, false, 60), backend, hookServices);
        this.service = new XenopsService(engine);
        engine.start();
    }

    Fixture(Path dir) {
        this(dir, new SimulatorBackend(dir.resolve("domains")), 4, 0);
    }

    /** Serves the socket (under /tmp: temp dirs can be too deep for a socket path) and connects a client. */
    Fixture serve() throws Exception {
        Path socket = Path.of("/tmp", "jxapi-xt-" + ProcessHandle.current().pid() + "-" + SOCKETS.incrementAndGet()
                + ".sock");
        rpc = new RpcServer(socket, new XenopsRpcDispatcher(service));
        rpc.start();
        client = XenopsClient.connect(socket, "org.xen.xapi.xenops.test");
        return this;
    }

    SimulatorBackend sim() {
        return (SimulatorBackend) backend;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (rpc != null) {
            rpc.stop();
        }
        engine.stop();
    }

    /** Waits up to 30 s for {@code c}; a failure shows the engine's diagnostics and the domains. */
    void await(String what, java.util.function.BooleanSupplier c) {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(c::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            String domains = backend instanceof SimulatorBackend s ? s.describeDomains().toString() : "";
            throw new AssertionError(what + " within 30 s; diagnostics: " + engine.diagnostics() + "; domains: "
                    + domains, e);
        }
    }

    Path hook(String hook, String name, String body, boolean executable) throws IOException {
        Path d = dir.resolve("hooks").resolve(hook);
        Files.createDirectories(d);
        Path f = d.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        f.toFile().setExecutable(executable);
        return f;
    }

    /** Waits, watching updates, until the task has ended; returns its final state. */
    static TaskInfo waitForTask(Xenops x, String id) {
        return waitForTask(x, id, Duration.ofSeconds(60));
    }

    static TaskInfo waitForTask(Xenops x, String id, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Integer token = null;
        while (true) {
            TaskInfo t = x.taskStat(DBG, id);
            if (t.state().ended()) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task " + id + " did not end within " + limit + ": " + t);
            }
            Updates u = x.updatesGet(DBG, token, 5);
            token = u.lastId();
        }
    }

    /** Waits for the task, destroys it, and throws its error if it failed. */
    static void success(Xenops x, String id) {
        TaskInfo t = waitForTask(x, id);
        x.taskDestroy(DBG, id);
        if (t.state().status() == TaskState.Status.FAILED) {
            throw new XenopsException(t.state().error());
        }
    }

    /** Waits for all tasks through the update feed only, as the original's parallel test does. */
    static void waitForTasks(Xenops x, Set<String> ids) {
        Set<String> left = new HashSet<>(ids);
        Integer token = null;
        for (String id : ids) {
            if (x.taskStat(DBG, id).state().ended()) {
                left.remove(id);
            }
        }
        while (!left.isEmpty()) {
            Updates u = x.updatesGet(DBG, token, 30);
            if (u.ids().isEmpty() && u.barriers().isEmpty()) {
                throw new AssertionError("no updates within 30 s; waiting for " + left.size() + " tasks");
            }
            token = u.lastId();
            for (DynamicId d : u.ids()) {
                if (d.kind() == DynamicId.Kind.TASK && left.contains(d.id())
                        && x.taskStat(DBG, d.id()).state().ended()) {
                    left.remove(d.id());
                }
            }
        }
    }
}
