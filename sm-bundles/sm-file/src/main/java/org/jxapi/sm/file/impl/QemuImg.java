package org.jxapi.sm.file.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.sm.support.Json;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;

/**
 * The qemu-img calls the file SR needs. A failing call raises the SM error the caller names,
 * with qemu-img's standard error as detail; a missing qemu-img says which Debian package to
 * install. Backing files are always named relative to the image, so an SR directory can move.
 */
final class QemuImg {
    /** What {@code qemu-img info} says of an image. */
    record Info(String format, long virtualSize, long actualSize, String backing, String backingFormat) {
    }

    private final Path exe;
    private final Duration quick;
    private final Duration slow;

    QemuImg(Path exe, Duration quick, Duration slow) {
        this.exe = exe;
        this.quick = quick;
        this.slow = slow;
    }

    Path exe() {
        return exe;
    }

    void createQcow2(Path file, long size, SmErrorCode onError) {
        run(quick, onError, "create", "-q", "-f", "qcow2", "-o", "preallocation=off", file.toString(),
                Long.toString(size));
    }

    /** A new empty qcow2 overlay over {@code backing}, a file of the same directory. */
    void createOverlay(Path file, Path backing, String backingFormat, long size, SmErrorCode onError) {
        run(quick, onError, "create", "-q", "-f", "qcow2", "-u", "-b", backing.getFileName().toString(),
                "-F", backingFormat, file.toString(), Long.toString(size));
    }

    Info info(Path file) {
        CommandResult r = run(quick, SmErrorCode.VDI_LOAD, "info", "-U", "--output=json", file.toString());
        Map<String, Object> m = Json.parseObject(r.stdout());
        return new Info(Json.str(m, "format"), Json.num(m, "virtual-size"), Json.num(m, "actual-size"),
                Json.str(m, "backing-filename"), Json.str(m, "backing-filename-format"));
    }

    void resize(Path file, String format, long size) {
        run(quick, SmErrorCode.VDI_RESIZE, "resize", "-q", "-f", format, file.toString(), Long.toString(size));
    }

    /** Writes the overlay's data into its backing file; the overlay is left as it is. */
    void commit(Path overlay) {
        run(slow, SmErrorCode.SM_GENERAL, "commit", "-q", "-f", "qcow2", "-d", overlay.toString());
    }

    void convert(Path src, String srcFormat, Path dst, String dstFormat) {
        List<String> args = new ArrayList<>(List.of("convert", "-q", "-U", "-f", srcFormat, "-O", dstFormat));
        if ("qcow2".equals(dstFormat)) {
            args.addAll(List.of("-o", "preallocation=off"));
        }
        args.add(src.toString());
        args.add(dst.toString());
        run(slow, SmErrorCode.EIO, args.toArray(String[]::new));
    }

    /** Points an overlay at another backing file holding the same data, without copying anything. */
    void rebaseUnsafe(Path overlay, Path backing, String backingFormat) {
        run(quick, SmErrorCode.SM_GENERAL, "rebase", "-q", "-u", "-f", "qcow2", "-b",
                backing.getFileName().toString(), "-F", backingFormat, overlay.toString());
    }

    /** The result of {@code qemu-img check}: exit code 0 means a clean image. */
    CommandResult check(Path file, String format) {
        List<String> argv = List.of(exe.toString(), "check", "-f", format, file.toString());
        return ExternalCommand.of(argv).withTimeout(slow).run();
    }

    private CommandResult run(Duration timeout, SmErrorCode onError, String... args) {
        if (!Files.isExecutable(exe)) {
            throw new SmError(SmErrorCode.SM_GENERAL, exe + " is missing: install the Debian package qemu-utils");
        }
        List<String> argv = new ArrayList<>();
        argv.add(exe.toString());
        argv.addAll(List.of(args));
        CommandResult r;
        try {
            r = ExternalCommand.of(argv).withTimeout(timeout).run();
        } catch (CommandException e) {
            throw new SmError(onError, "qemu-img " + args[0] + ": " + e.getMessage(), e.stderr(), e);
        }
        if (!r.ok()) {
            throw new SmError(onError, "qemu-img " + args[0] + " failed: " + r.stderr().strip(), r.stderr(), null);
        }
        return r;
    }
}
