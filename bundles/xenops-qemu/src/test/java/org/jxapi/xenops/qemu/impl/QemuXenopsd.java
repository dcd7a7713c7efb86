package org.jxapi.xenops.qemu.impl;

import java.nio.file.Path;

import org.jxapi.xenops.server.impl.QemuEngine;

/**
 * A xenops instance over the qemu backend in a JVM of its own, for tests that kill it or migrate
 * to it: {@code QemuXenopsd <backend state dir> <engine data dir> <socket> <hooks root>}. It runs
 * until killed; its VMs' qemu processes are meant to outlive it.
 */
public final class QemuXenopsd {
    private QemuXenopsd() {
    }

    public static void main(String[] args) throws Exception {
        QemuBackend backend = Guests.backend(Path.of(args[0]));
        QemuEngine engine = new QemuEngine(EngineFixture.QUEUE, Path.of(args[1]), Path.of(args[3]), backend, 0);
        engine.serve(Path.of(args[2]));
        System.out.println("xenopsd ready on " + args[2] + " with " + backend.accel());
        Thread.currentThread().join();
    }
}
