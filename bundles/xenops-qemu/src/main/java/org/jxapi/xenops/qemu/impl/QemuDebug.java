package org.jxapi.xenops.qemu.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DebugBackend;

/**
 * The DEBUG part of the qemu backend, for tests that need a guest to fail: {@code crash <vm>} (the
 * guest agent makes the kernel panic) and {@code kill-qemu <vm>} (qemu dies under the guest).
 */
final class QemuDebug implements DebugBackend {
    private final Hypervisor hv;

    QemuDebug(Hypervisor hv) {
        this.hv = hv;
    }

    @Override
    public void trigger(String cmd, List<String> args) {
        if (args.size() != 1) {
            throw XenopsException.internal(cmd + " takes one VM id");
        }
        Domain d = hv.domain(args.get(0));
        switch (cmd) {
            case "crash" -> crash(d);
            case "kill-qemu" -> killQemu(d);
            default -> throw XenopsException.unimplemented("DEBUG.trigger " + cmd);
        }
    }

    private void crash(Domain d) {
        GuestAgent a = d.agent;
        if (a == null || !a.present()) {
            throw XenopsException.internal("crash needs the guest agent");
        }
        // The agent's reply never comes: the kernel dies running the script.
        hv.inBackground(() -> {
            try {
                a.run("echo c > /proc/sysrq-trigger", Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                // expected
            }
        });
    }

    private static void killQemu(Domain d) {
        Process p = d.child;
        if (p != null) {
            p.destroyForcibly();
        } else if (QemuProcess.isDomainProcess(d.pid, d.pidStart, d.qmpSocket())) {
            ProcessHandle.of(d.pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
