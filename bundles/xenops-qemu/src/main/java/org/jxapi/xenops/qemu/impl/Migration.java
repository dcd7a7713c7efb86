package org.jxapi.xenops.qemu.impl;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleConsumer;

import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Live migration between two qemu backends over TCP: the destination makes the domain with the
 * VM's devices and a qemu waiting for the stream on a loopback port, the source streams its
 * running guest there (pre-copy: the guest runs until the last pass), and the destination ends up
 * with a paused domain that the caller unpauses. The source's domain is left stopped, to be torn
 * down by the caller's shutdown steps; if the stream fails the source can simply continue.
 */
final class Migration {
    private final Hypervisor hv;
    private final QemuVms vms;
    private final QemuVbds vbdPart;
    private final QemuVifs vifPart;

    Migration(Hypervisor hv, QemuVms vms, QemuVbds vbdPart, QemuVifs vifPart) {
        this.hv = hv;
        this.vms = vms;
        this.vbdPart = vbdPart;
        this.vifPart = vifPart;
    }

    /** Destination: prepares the domain and returns the URI the source sends to. */
    String receive(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, String listen) {
        vms.create(task, null, vm, null, false);
        try {
            vms.build(task, vm, vbds, vifs, List.of(), List.of(), List.of(), false);
            for (Vbd v : vbds) {
                vbdPart.setActive(task, vm.id(), v, true);
                vbdPart.attach(task, vm.id(), v);
            }
            for (Vif v : vifs) {
                vifPart.setActive(task, vm.id(), v, true);
                vifPart.plug(task, vm.id(), v);
            }
            Domain d = hv.domain(vm.id());
            hv.startProcess(task, d, true);
            Suspend.receive(hv, task, d, "tcp:" + listen + ":0");
            JsonNode info = hv.qmp(d).call("query-migrate");
            for (JsonNode a : info.path("socket-address")) {
                if ("inet".equals(a.path("type").asText(null))) {
                    return "tcp:" + a.path("host").asText(null) + ":" + a.path("port").asText(null);
                }
            }
            throw XenopsException.internal("qemu did not say where it listens for the migration stream");
        } catch (RuntimeException e) {
            vms.destroy(task, vm);
            throw e;
        }
    }

    /** Source: streams the running guest to {@code uri}; the guest is stopped here when this returns. */
    void send(Task task, DoubleConsumer progress, Vm vm, String uri) {
        Domain d = hv.domain(vm.id());
        if (!uri.startsWith("tcp:")) {
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_CONTACT_REMOTE_SERVICE, uri);
        }
        Suspend.send(hv, task, progress, d, uri);
    }

    /** Destination: waits until the whole stream has arrived; the domain is then paused. */
    void awaitReceived(Task task, Vm vm, Duration limit) {
        Domain d = hv.domain(vm.id());
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String status = hv.qmp(d).call("query-status").path("status").asText(null);
            if (!"inmigrate".equals(status)) {
                Suspend.awaitIncoming(hv, task, d);
                return;
            }
            task.sleep(Duration.ofMillis(20));
        }
        throw XenopsException.internal("migration stream for " + vm.id() + " did not arrive in time");
    }
}
