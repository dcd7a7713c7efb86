package org.jxapi.xenops.qemu.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A qemu that jxapi did not start: a test starts it itself, paused, with a QMP socket of its own. */
final class ForeignQemu {
    private ForeignQemu() {
    }

    static Process start(Path dir) throws Exception {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(List.of("/usr/bin/qemu-system-x86_64", "-machine", "pc", "-accel", "tcg",
                "-nodefaults", "-no-user-config", "-display", "none", "-S", "-m", "16", "-qmp",
                "unix:" + dir.resolve("qmp.sock") + ",server=on,wait=off"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        Guests.await("the foreign qemu listens", Duration.ofSeconds(20), () -> Files.exists(dir.resolve("qmp.sock")));
        return p;
    }

    static String status(Path dir) throws Exception {
        try (Qmp q = Qmp.connect("foreign", dir.resolve("qmp.sock"), Duration.ofSeconds(10), () -> true)) {
            return q.call("query-status").path("status").asText(null);
        }
    }
}
