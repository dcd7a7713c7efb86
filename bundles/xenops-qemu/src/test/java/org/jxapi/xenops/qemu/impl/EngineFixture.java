package org.jxapi.xenops.qemu.impl;

import java.nio.file.Path;

import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.server.impl.QemuEngine;
import org.jxapi.xenops.spi.TestTask;

/** A qemu backend under a xenops engine in this JVM; closing it destroys every domain the test made. */
final class EngineFixture implements AutoCloseable {
    static final String QUEUE = "org.xen.xapi.xenops.qemu";
    final QemuBackend backend;
    final QemuEngine engine;
    final Xenops x;

    EngineFixture(Path dir) {
        this(dir, Guests.backend(dir.resolve("qemu")), "data");
    }

    EngineFixture(Path dir, QemuBackend backend, String dataName) {
        this(dir, backend, dataName, 0);
    }

    EngineFixture(Path dir, QemuBackend backend, String dataName, double minimumRebootDelay) {
        this.backend = backend;
        this.engine = new QemuEngine(QUEUE + "." + dataName, dir.resolve(dataName), dir.resolve("hooks"), backend,
                minimumRebootDelay);
        this.x = engine.xenops();
    }

    Domain domain(Vm vm) {
        return backend.hypervisor().domain(vm.id());
    }

    Path console(Vm vm) {
        return domain(vm).consoleLog();
    }

    /** Adds the VM, starts it and unpauses it; returns once the guest says it is ready. */
    Vm boot(Vm vm) {
        x.vmAdd(Guests.DBG, vm);
        Guests.success(x, x.vmStart(Guests.DBG, vm.id(), false));
        Guests.success(x, x.vmUnpause(Guests.DBG, vm.id()));
        Guests.awaitMarker(console(vm), org.jxapi.xenops.qemu.testguest.TestGuest.READY_MARKER, 1,
                java.time.Duration.ofSeconds(90));
        Guests.await("the guest agent says hello", java.time.Duration.ofSeconds(30),
                () -> x.vmStat(Guests.DBG, vm.id()).state().pvDriversDetected());
        return vm;
    }

    @Override
    public void close() {
        engine.close();
        for (Domain d : backend.hypervisor().table.all()) {
            try {
                backend.vm().destroy(new TestTask("cleanup"), d.vm);
            } catch (RuntimeException e) {
                // best effort: the process is killed below if need be
            }
        }
        backend.close();
    }
}
