package org.jxapi.xenops.qemu.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/** The balloon target of a domain, and its vCPU threads' affinity to host CPUs. */
final class Memory {
    private static final Logger LOG = LoggerFactory.getLogger(Memory.class);

    /** A vCPU: its index and the host thread that runs it. */
    record Vcpu(int index, long threadId) {
    }

    private Memory() {
    }

    /** Asks the balloon driver for the domain's memory target; the guest gives memory back if it cooperates. */
    static void applyTarget(Hypervisor hv, Domain d) {
        long target;
        boolean full;
        synchronized (d) {
            target = d.memoryTarget;
            full = target >= d.vm.memoryStaticMax() && d.memoryActual == 0;
        }
        if (target <= 0 || full) {
            return; // a fresh balloon starts deflated: nothing to ask for
        }
        Qmp q = hv.qmp(d);
        try {
            long actual = q.call("query-balloon").path("actual").longValue();
            synchronized (d) {
                d.memoryActual = actual;
            }
            if (actual != target) {
                q.call("balloon", Map.of("value", target));
                synchronized (d) {
                    d.balloonTargetSetAt = Hypervisor.now();
                }
            }
        } catch (QmpException e) {
            LOG.warn("domain {}: cannot set the balloon target: {}", d.domid, e.getMessage());
        }
    }

    static List<Vcpu> vcpus(Qmp q) {
        List<Vcpu> out = new ArrayList<>();
        for (JsonNode c : q.call("query-cpus-fast")) {
            out.add(new Vcpu((int) c.path("cpu-index").longValue(), c.path("thread-id").longValue()));
        }
        return out;
    }

    /**
     * Pins each vCPU thread to the host CPUs its VM's scheduler parameters list: one list per vCPU,
     * or a single list for all of them.
     */
    static void applyAffinity(Hypervisor hv, Task task, Domain d) {
        List<List<Integer>> affinity = d.vm.schedulerParams().affinity();
        if (affinity.isEmpty()) {
            return;
        }
        for (Vcpu v : vcpus(hv.qmp(d))) {
            List<Integer> cpus = affinity.size() == 1 ? affinity.get(0)
                    : v.index() < affinity.size() ? affinity.get(v.index()) : List.of();
            if (cpus.isEmpty()) {
                continue;
            }
            String list = cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
            Task.ProcessResult r = task.run(new ProcessBuilder("taskset", "-p", "-c", list,
                    Long.toString(v.threadId())));
            if (r.exitCode() != 0) {
                throw XenopsException.internal("cannot pin vCPU " + v.index() + " to " + list + ": "
                        + r.output().trim());
            }
        }
    }
}
