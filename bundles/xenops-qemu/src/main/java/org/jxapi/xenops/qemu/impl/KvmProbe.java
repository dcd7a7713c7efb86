package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides between KVM and TCG by running a tiny guest: a 64 KiB firmware image that switches from
 * real mode to protected mode and then to long mode, as every Linux boot does, and writes a value
 * to qemu's isa-debug-exit port, which ends qemu with a known exit code. Where /dev/kvm exists but
 * does not work (a software nested-virtualisation module has been seen to let a guest hang in that
 * very switch), the probe times out and TCG is used.
 */
final class KvmProbe {
    private static final Logger LOG = LoggerFactory.getLogger(KvmProbe.class);

    /** Code placed at the start of the firmware (loaded at 0xF0000); assembled from the steps above. */
    private static final String CODE = "fa8cc88ed8660f0116b0000f20c06683c8010f22c066ea1d000f00080066b810008ed88ec0"
            + "8ed0bf0010000031c0b9000c0000f3abc7050010000003200000c7050020000003300000c70500300000830000000f20e0"
            + "83c8200f22e0b8001000000f22d8b9800000c00f320d000100000f300f20c00d000000800f22c0ea84000f001800b02a"
            + "e6f4f4ebfd8db40000900000000000000000ffff0000009acf00ffff00000092cf00ffff0000009aaf001f0090000f";
    /** The reset vector at 0xFFFF0: a far jump to F000:0000. */
    private static final String RESET = "ea000000f0";
    /** isa-debug-exit turns the value 0x2a written by the probe into exit code (0x2a << 1) | 1. */
    static final int SUCCESS_EXIT_CODE = (0x2a << 1) | 1;

    /** The outcome: which accelerator to use and why. */
    record Result(String accel, String reason) {
    }

    /** Probe results per qemu binary: the answer does not change while the host runs. */
    private static final java.util.Map<Path, Result> PROBED = new java.util.concurrent.ConcurrentHashMap<>();

    private KvmProbe() {
    }

    static byte[] firmware() {
        byte[] image = new byte[65536];
        byte[] code = HexFormat.of().parseHex(CODE);
        System.arraycopy(code, 0, image, 0, code.length);
        byte[] reset = HexFormat.of().parseHex(RESET);
        System.arraycopy(reset, 0, image, 0xFFF0, reset.length);
        return image;
    }

    /** Runs the probe with {@code accel} ("kvm" or "tcg"); true if the guest reached long mode in time. */
    static boolean works(Path qemu, String accel, Path workDir, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return false;
        }
        Path rom = workDir.resolve("accel-probe.bin");
        try {
            Files.createDirectories(workDir);
            Files.write(rom, firmware());
            CommandResult r = ExternalCommand.of(qemu.toString(), "-accel", accel, "-machine", "pc",
                    "-cpu", accel.equals("kvm") ? "host" : "qemu64", "-m", "16", "-nodefaults", "-no-user-config",
                    "-display", "none", "-bios", rom.toString(), "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04")
                    .withMergedOutput().withTimeout(timeout).run();
            return r.exitCode() == SUCCESS_EXIT_CODE;
        } catch (IOException e) {
            LOG.debug("accelerator probe {} failed: {}", accel, e.toString());
            return false;
        } catch (CommandException e) {
            // Hung in the mode switch (timed out), interrupted (the flag stays set) or no qemu at all.
            LOG.debug("accelerator probe {}: {}", accel, e.getMessage());
            return false;
        } finally {
            try {
                Files.deleteIfExists(rom);
            } catch (IOException e) {
                LOG.trace("cannot delete {}", rom, e);
            }
        }
    }

    /**
     * The accelerator to use for {@code wanted}: "kvm" and "tcg" are taken as they are; "auto" means
     * KVM if /dev/kvm opens and the probe passes within {@code timeout}, else TCG.
     */
    static Result choose(String wanted, Path qemu, Path workDir, Duration timeout) {
        if (wanted.equals("kvm") || wanted.equals("tcg")) {
            return new Result(wanted, "configured");
        }
        Path dev = Path.of("/dev/kvm");
        if (!Files.exists(dev)) {
            return new Result("tcg", "/dev/kvm does not exist");
        }
        if (!Files.isReadable(dev) || !Files.isWritable(dev)) {
            return new Result("tcg", "/dev/kvm is not accessible");
        }
        return PROBED.computeIfAbsent(qemu, q -> {
            long start = System.nanoTime();
            boolean ok = works(q, "kvm", workDir, timeout);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return ok ? new Result("kvm", "probe guest reached long mode under KVM in " + ms + " ms")
                    : new Result("tcg", "probe guest did not reach long mode under KVM within " + ms + " ms");
        });
    }
}
