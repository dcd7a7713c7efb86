package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starting qemu and recognising it later. qemu runs in a session of its own ({@code setsid}), so
 * neither a terminal hang-up nor the toolstack's process group being signalled reaches it, but it
 * stays a child of this JVM while the JVM lives, so that its exit is reaped at once. Its output
 * goes to a file: a pipe would break when the toolstack goes away. A process found after a
 * restart is only taken for a domain's qemu when its start time and its command line (which names
 * the domain's own QMP socket) both match what was recorded; nothing else is ever signalled.
 */
final class QemuProcess {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private QemuProcess() {
    }

    static Process spawn(List<String> argv, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // setsid execs in place here: the JVM's child is not a process-group leader, so the
            // pid we get is qemu's own.
            cmd.add(SETSID.toString());
        }
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return pb.start();
    }

    /** The process's start time in clock ticks after boot (field 22 of /proc/pid/stat), if it exists. */
    static Optional<Long> startTicks(long pid) {
        return stat(pid).map(f -> Long.parseLong(f[19]));
    }

    /** The fields of /proc/pid/stat after the command name: [0] is the state letter. */
    private static Optional<String[]> stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int close = s.lastIndexOf(')');
            return Optional.of(s.substring(close + 2).trim().split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True if the process exists and has not exited (a zombie waiting to be reaped has exited). */
    static boolean running(long pid) {
        return stat(pid).map(f -> !f[0].equals("Z") && !f[0].equals("X")).orElse(false);
    }

    static List<String> cmdline(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** True if {@code pid} is still the qemu this domain started: same start time, own QMP socket. */
    static boolean isDomainProcess(long pid, long recordedStart, Path qmpSocket) {
        if (pid <= 0 || !running(pid)) {
            return false;
        }
        if (startTicks(pid).orElse(-1L) != recordedStart) {
            return false;
        }
        String marker = "unix:" + qmpSocket + ",";
        return cmdline(pid).stream().anyMatch(a -> a.startsWith(marker));
    }

    /** Thread ids of the process's vCPU threads are read from QMP; this reads a thread's CPU time in ns. */
    static long threadCpuNanos(long pid, long tid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / CLOCK_TICKS);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** USER_HZ: 100 on every Linux architecture this runs on. */
    private static final long CLOCK_TICKS = 100;
}
