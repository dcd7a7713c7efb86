package org.jxapi.xapi.host.impl;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What this machine is: its name and address, its CPUs (from /proc/cpuinfo) and its memory (/proc/meminfo). */
final class MachineFacts {
    record Cpu(long number, String vendor, long speedMhz, String modelName, long family, long model, long stepping,
               String flags) { }

    final String hostName;
    final String address;
    final List<Cpu> cpus;
    final long memoryTotal;
    final long memoryFree;

    private MachineFacts(String hostName, String address, List<Cpu> cpus, long memoryTotal, long memoryFree) {
        this.hostName = hostName;
        this.address = address;
        this.cpus = cpus;
        this.memoryTotal = memoryTotal;
        this.memoryFree = memoryFree;
    }

    static MachineFacts read() {
        return new MachineFacts(hostName(), address(), cpus(Path.of("/proc/cpuinfo")), meminfo("MemTotal"),
                meminfo("MemAvailable"));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The first non-loopback IPv4 address, as the original reports a management address. */
    private static String address() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isLoopback() || !ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (IOException ignored) {
            // fall back to loopback
        }
        return "127.0.0.1";
    }

    static List<Cpu> cpus(Path cpuinfo) {
        List<Cpu> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo);
        } catch (IOException e) {
            lines = List.of();
        }
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                addCpu(block, out);
                block.clear();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                block.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        addCpu(block, out);
        if (out.isEmpty()) {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                out.add(new Cpu(i, "unknown", 0, "unknown", 0, 0, 0, ""));
            }
        }
        return out;
    }

    private static void addCpu(Map<String, String> b, List<Cpu> out) {
        if (!b.containsKey("processor")) {
            return;
        }
        out.add(new Cpu(num(b.get("processor")), b.getOrDefault("vendor_id", ""),
                (long) Double.parseDouble(b.getOrDefault("cpu MHz", "0")), b.getOrDefault("model name", ""),
                num(b.get("cpu family")), num(b.get("model")), num(b.get("stepping")), b.getOrDefault("flags", "")));
    }

    private static long num(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A /proc/meminfo value in bytes, or 0. */
    private static long meminfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith(key + ":")) {
                    String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // unknown
        }
        return 0;
    }
}
