package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.spi.VmBackend;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The figures VM_metrics and the RRDs need from a running domain: CPU time of each vCPU thread,
 * memory as the balloon driver reports it and whether it follows its target, and per-disk and
 * per-NIC counters. NIC counters come from the tap device on the host, or, for NICs on qemu's user
 * network, from the guest agent's {@code stats/<mac>/<counter>} reports.
 */
final class Stats {
    /** Counters of one disk. */
    record DiskStats(long readBytes, long writeBytes, long readOps, long writeOps) {
    }

    /** Counters of one NIC, from the guest's point of view. */
    record NicStats(long rxBytes, long txBytes, long rxPackets, long txPackets) {
    }

    /** A domain's figures at one moment. */
    record VmStats(String vmId, int domid, double timestamp, List<Long> vcpuTimeNanos, long memoryActual,
            long memoryTarget, boolean uncooperativeBalloon, Map<String, DiskStats> disks,
            Map<String, NicStats> nics) {
    }

    private Stats() {
    }

    static VmStats of(Hypervisor hv, VmBackend vms, Domain d) {
        Qmp q = hv.qmp(d);
        List<Long> vcpus = new ArrayList<>();
        for (Memory.Vcpu v : Memory.vcpus(q)) {
            vcpus.add(QemuProcess.threadCpuNanos(d.pid, v.threadId()));
        }
        long actual = q.call("query-balloon").path("actual").longValue();
        synchronized (d) {
            d.memoryActual = actual;
        }
        Map<String, DiskStats> disks = new LinkedHashMap<>();
        JsonNode blockstats = q.call("query-blockstats");
        Map<String, String> agent = d.agent == null ? Map.of() : d.agent.data();
        Map<String, NicStats> nics = new LinkedHashMap<>();
        synchronized (d) {
            for (Device dev : d.devices.values()) {
                if (!dev.plugged) {
                    continue;
                }
                if (dev.kind == Device.Kind.VBD) {
                    for (JsonNode b : blockstats) {
                        String qdev = b.path("qdev").asText(null);
                        if (qdev != null && (qdev.equals(dev.qemuId) || qdev.contains("/" + dev.qemuId + "/")
                                || qdev.endsWith("/" + dev.qemuId))) {
                            JsonNode s = b.path("stats");
                            disks.put(dev.name, new DiskStats(s.path("rd_bytes").longValue(), s.path("wr_bytes").longValue(),
                                    s.path("rd_operations").longValue(), s.path("wr_operations").longValue()));
                        }
                    }
                } else if (dev.tap != null) {
                    // The host's receive is the guest's transmit.
                    nics.put(dev.name, new NicStats(sys(dev.tap, "tx_bytes"), sys(dev.tap, "rx_bytes"),
                            sys(dev.tap, "tx_packets"), sys(dev.tap, "rx_packets")));
                } else {
                    String p = "stats/" + dev.mac + "/";
                    nics.put(dev.name, new NicStats(num(agent.get(p + "rx_bytes")), num(agent.get(p + "tx_bytes")),
                            num(agent.get(p + "rx_packets")), num(agent.get(p + "tx_packets"))));
                }
            }
        }
        org.jxapi.xenops.api.VmState st = vms.getState(d.vm);
        return new VmStats(d.vmId, d.domid, Hypervisor.now(), vcpus, actual, st.memoryTarget(),
                st.uncooperativeBalloonDriver(), disks, nics);
    }

    private static long sys(String dev, String counter) {
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/class/net", dev, "statistics", counter)).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static long num(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
