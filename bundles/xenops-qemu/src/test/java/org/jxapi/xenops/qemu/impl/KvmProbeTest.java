package org.jxapi.xenops.qemu.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accelerator probe: its firmware reaches long mode under TCG; a broken accelerator times out. */
@org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class KvmProbeTest {
    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    @TempDir
    Path dir;

    @Test
    void theProbeGuestReachesLongModeUnderTcg() {
        assertTrue(KvmProbe.works(QEMU, "tcg", dir, Duration.ofSeconds(20)));
    }

    @Test
    void anAcceleratorThatCannotRunTheProbeFails() {
        // qemu refuses an unknown accelerator at once: the probe says no rather than hanging.
        assertFalse(KvmProbe.works(QEMU, "nonexistent", dir, Duration.ofSeconds(20)));
    }

    @Test
    void aQemuThatNeverFinishesTimesOut() {
        long start = System.nanoTime();
        // /bin/sleep stands for a guest that hangs: the probe gives up at its timeout.
        assertFalse(KvmProbe.works(Path.of("/usr/bin/sleep"), "10", dir, Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void autoPicksAWorkingAccelerator() {
        KvmProbe.Result r = KvmProbe.choose("auto", QEMU, dir, Duration.ofSeconds(3));
        assertTrue(r.accel().equals("tcg") || r.accel().equals("kvm"), r.toString());
        if (r.accel().equals("kvm")) {
            assertTrue(KvmProbe.works(QEMU, "kvm", dir, Duration.ofSeconds(3)), "KVM was chosen only because it works");
        }
        assertEquals("tcg", KvmProbe.choose("tcg", QEMU, dir, Duration.ofSeconds(3)).accel());
    }
}
