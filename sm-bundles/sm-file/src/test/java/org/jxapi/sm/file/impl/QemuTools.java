package org.jxapi.sm.file.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;

/** The real qemu tools the file SR tests use; missing tools fail the tests with what to install. */
final class QemuTools {
    static final Path QEMU_IMG = Path.of("/usr/bin/qemu-img");
    static final Path QEMU_IO = Path.of("/usr/bin/qemu-io");

    private QemuTools() {
    }

    static void require() {
        assertTrue(Files.isExecutable(QEMU_IMG) && Files.isExecutable(QEMU_IO),
                "the file SR tests need qemu-img and qemu-io: apt-get install -y qemu-utils");
    }

    static QemuImg qemuImg() {
        return new QemuImg(QEMU_IMG, Duration.ofSeconds(60), Duration.ofSeconds(600));
    }

    static FileSrDriver driver(long maxSize) {
        require();
        return new FileSrDriver(qemuImg(), maxSize, 30, "qcow2");
    }

    static CommandResult run(String... argv) {
        CommandResult r = ExternalCommand.of(argv).withTimeout(Duration.ofSeconds(120)).run();
        assertTrue(r.ok(), String.join(" ", argv) + ": " + r.stderr());
        return r;
    }

    /** Writes {@code pattern} bytes at {@code offset} as a guest would, through qemu-io. */
    static void guestWrite(Path image, String format, long offset, long length, int pattern) {
        run(QEMU_IO.toString(), "-f", format, "-c", "write -P " + pattern + " " + offset + " " + length,
                image.toString());
    }
}
