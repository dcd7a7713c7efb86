package org.jxapi.xenops.server.impl;

import java.nio.file.Path;

import org.jxapi.xenops.simulator.impl.SimulatorBackend;

/**
 * A xenops instance over the simulator in a JVM of its own, for tests that kill it:
 * {@code StandaloneXenopsd <data dir> <socket> <hooks root> <simulator state dir>}. It runs until
 * killed.
 */
public final class StandaloneXenopsd {
    private StandaloneXenopsd() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path socket = Path.of(args[1]);
        Path hooks = Path.of(args[2]);
        SimulatorBackend sim = new SimulatorBackend(Path.of(args[3]));
        Engine engine = new Engine(new Engine.Settings("org.xen.xapi.xenops.simulator", data, 4, hooks, 0, true, 60),
                sim);
        engine.start();
        RpcServer rpc = new RpcServer(socket, new XenopsRpcDispatcher(new XenopsService(engine)));
        rpc.start();
        System.out.println("xenopsd ready on " + socket);
        Thread.currentThread().join();
    }
}
