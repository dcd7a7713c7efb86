package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jxapi.xenops.api.Host;

/** HOST.stat for a qemu host: its CPUs from /proc/cpuinfo, qemu's version and the accelerator. */
final class HostInfo {
    private HostInfo() {
    }

    static Host read(Hypervisor hv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            lines = List.of();
        }
        int cpus = 0;
        Set<String> sockets = new HashSet<>();
        String vendor = "";
        String model = "";
        String family = "";
        String modelNo = "";
        String stepping = "";
        String flags = "";
        String speed = "";
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String k = l.substring(0, colon).trim();
            String v = l.substring(colon + 1).trim();
            switch (k) {
                case "processor" -> cpus++;
                case "physical id" -> sockets.add(v);
                case "vendor_id" -> vendor = v;
                case "model name" -> model = v;
                case "cpu family" -> family = v;
                case "model" -> modelNo = v;
                case "stepping" -> stepping = v;
                case "flags" -> flags = v;
                case "cpu MHz" -> speed = v;
                default -> { }
            }
        }
        Host.CpuInfo cpu = new Host.CpuInfo(cpus, Math.max(1, sockets.size()), 1, 1, vendor, speed, model, family,
                modelNo, stepping, flags, "", "", "", "", "");
        return new Host(cpu, "qemu " + hv.accel, "hvm-3.0-x86_64 qemu-" + hv.accel, false, true);
    }

    static long totalMemoryMib() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return 0;
    }
}
