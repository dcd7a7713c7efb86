package org.jxapi.xenops.qemu.impl;

import java.nio.file.Path;
import java.time.Duration;

import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.jxapi.xenops.spi.TestTask;
import org.jxapi.xenops.spi.XenopsBackend;
import org.jxapi.xenops.spi.XenopsBackendContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The backend contract every xenops backend meets, run against real qemu with the test guest. */
@org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class QemuBackendContractTest extends XenopsBackendContract {
    @TempDir
    Path dir;

    @Override
    protected XenopsBackend createBackend() {
        return Guests.backend(dir.resolve("qemu"));
    }

    @Override
    protected Vm vm(String id) {
        return Guests.vm(id, "contract " + id, 1, 2).build();
    }

    /** Running means the guest has booted: its agent and ACPI daemon answer. */
    @Override
    public Vm running() {
        Vm vm = super.running();
        Guests.awaitMarker(((QemuBackend) backend).consoleLog(vm.id()), TestGuest.READY_MARKER, 1,
                Duration.ofSeconds(90));
        return vm;
    }

    @AfterEach
    void closeBackend() {
        for (Vm vm : created) {
            backend.vm().destroy(new TestTask("cleanup"), vm);
        }
        ((QemuBackend) backend).close();
    }
}
