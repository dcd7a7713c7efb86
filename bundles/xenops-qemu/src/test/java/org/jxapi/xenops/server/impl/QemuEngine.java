package org.jxapi.xenops.server.impl;

import java.nio.file.Path;

import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.spi.XenopsBackend;

/**
 * The xenops engine with a given backend, for the qemu backend's tests: the same engine a xenops
 * instance runs in Karaf, without the framework. Lives in the engine's package because the engine
 * is private to its bundle; on the test class path that is no obstacle.
 */
public final class QemuEngine implements AutoCloseable {
    private final Engine engine;
    private final XenopsService service;
    private RpcServer rpc;

    public QemuEngine(String queue, Path dataDir, Path hooksRoot, XenopsBackend backend, double minimumRebootDelay) {
        this.engine = new Engine(new Engine.Settings(queue, dataDir, 4, hooksRoot, minimumRebootDelay, false, 60),
                backend);
        this.service = new XenopsService(engine);
        engine.start();
    }

    public Xenops xenops() {
        return service;
    }

    /** Serves the engine's JSON-RPC interface on {@code socket}. */
    public QemuEngine serve(Path socket) throws Exception {
        rpc = new RpcServer(socket, new XenopsRpcDispatcher(service));
        rpc.start();
        return this;
    }

    public XenopsClient client(Path socket) {
        return XenopsClient.connect(socket, engine.settings().queue());
    }

    public String diagnostics() {
        return engine.diagnostics().toString();
    }

    @Override
    public void close() {
        if (rpc != null) {
            rpc.stop();
        }
        engine.stop();
    }
}
