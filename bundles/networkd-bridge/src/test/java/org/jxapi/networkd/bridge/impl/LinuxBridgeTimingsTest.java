package org.jxapi.networkd.bridge.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.linux.LinuxSettings;
import org.jxapi.networkd.linux.TestNamespace;

/**
 * Prints what a VIF lock and unlock cost on a Linux bridge (the goal: under 50 ms), and what
 * an interface's state read costs, in a namespace the test makes. The assertions are the outcomes;
 * the times are printed, not asserted, as they depend on the machine's load.
 */
class LinuxBridgeTimingsTest {
    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    private static double medianMs(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    @Test
    void vifLockAndUnlockAndAStateRead() {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
        try (TestNamespace ns = TestNamespace.create()) {
            LinuxBridgeBackend backend = new LinuxBridgeBackend(LinuxSettings.inNamespace(ns.name(), dir), "jxapi");
            backend.bridges().create("xenbr0", null, null, null, Map.of());
            ns.owns("xenbr0");
            ns.exec("ip", "tuntap", "add", "dev", "tap1", "mode", "tap");
            ns.owns("tap1");
            String mac = "00:16:3e:00:00:01";
            backend.vifs().plug(new VifPort("xenbr0", "tap1", "vm/0", mac, 1500, true, VifLocking.UNLOCKED, 0));
            VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.20"), List.of("2001:db8::20"));
            long[] lock = new long[ROUNDS];
            long[] unlock = new long[ROUNDS];
            long[] state = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                backend.vifs().setLocking("xenbr0", "tap1", mac, locked);
                long t1 = System.nanoTime();
                assertTrue(backend.rules().has("tap1"));
                long t2 = System.nanoTime();
                backend.vifs().setLocking("xenbr0", "tap1", mac, VifLocking.UNLOCKED);
                long t3 = System.nanoTime();
                assertFalse(backend.rules().has("tap1"));
                long t4 = System.nanoTime();
                assertTrue(backend.interfaces().state("tap1").up());
                long t5 = System.nanoTime();
                lock[i] = t1 - t0;
                unlock[i] = t3 - t2;
                state[i] = t5 - t4;
            }
            System.out.printf("networkd bridge backend: VIF lock %.1f ms, unlock %.1f ms, interface state %.1f ms"
                    + " (medians of %d; goal for lock/unlock < 50 ms)%n", medianMs(lock), medianMs(unlock),
                    medianMs(state), ROUNDS);
            backend.rules().dropTable();
        }
    }
}
