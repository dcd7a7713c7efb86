package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.PBD;
import com.xensource.xenapi.SM;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.VDI;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample SR driver of extension-samples, hot-deployed into a running distribution: its SM
 * object appears within 5 s of the jar landing in deploy/ and SR.create of its type works;
 * deleting the jar removes the SM object and unplugs its SRs, keeping their VDI objects; putting
 * it back and plugging the SR again finds the VDIs still there. No restart.
 */
class SampleSrHotDeployIT {
    private static RunningDistribution dist;

    @BeforeAll
    static void start() throws Exception {
        dist = RunningDistribution.get();
    }

    /** The sample jar: from the build's property, else from the local Maven repository. */
    static Path sampleJar() {
        String p = System.getProperty("jxapi.sample.sr");
        if (p != null && !p.isEmpty()) {
            return Path.of(p);
        }
        return Path.of(System.getProperty("jxapi.localRepository"), "org", "jxapi", "org.jxapi.sample.sr",
                "0.1.0-SNAPSHOT", "org.jxapi.sample.sr-0.1.0-SNAPSHOT.jar");
    }

    private static boolean smPresent(Connection c, String type) throws Exception {
        for (SM.Record r : SM.getAllRecords(c).values()) {
            if (r.type.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** Waits until {@code ok} holds, at most {@code millis}; returns how long it took, in ms. */
    private static long waitFor(long millis, BooleanSupplier ok) {
        long t0 = System.nanoTime();
        try {
            Awaitility.await().atMost(Duration.ofMillis(millis)).pollInterval(Duration.ofMillis(50))
                    .until(ok::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + millis + " ms", e);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static BooleanSupplier sm(Connection c, boolean present) {
        return () -> {
            try {
                return smPresent(c, "sample") == present;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void theSampleDriverComesAndGoesWithItsJar() throws Exception {
        Connection c = XapiSdk.connect(dist);
        assertFalse(smPresent(c, "sample"), "the sample driver must not be there before the copy");
        Path jar = dist.home.resolve("deploy").resolve("sample-sr.jar");
        Files.copy(sampleJar(), jar, StandardCopyOption.REPLACE_EXISTING);
        long appeared = waitFor(5_000, sm(c, true));
        System.out.println("[hot-deploy] SM object of type sample appeared " + appeared + " ms after the copy");

        Path dir = Files.createDirectories(dist.home.resolve("it-srs")).resolve("sample-" + System.nanoTime());
        SR sr = SR.create(c, XapiSdk.thisHost(c), new HashMap<>(Map.of("location", dir.toString())), 0L,
                "sample SR", "", "sample", "user", false, new HashMap<>());
        VDI vdi = XapiSdk.vdi(c, sr, "kept", 1L << 20);
        PBD pbd = sr.getPBDs(c).iterator().next();
        assertTrue(pbd.getCurrentlyAttached(c));

        Files.delete(jar);
        waitFor(30_000, sm(c, false));
        waitFor(10_000, () -> {
            try {
                return !pbd.getCurrentlyAttached(c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Set.of(vdi), sr.getVDIs(c), "the VDI objects stay while the driver is away");

        Files.copy(sampleJar(), jar, StandardCopyOption.REPLACE_EXISTING);
        waitFor(10_000, sm(c, true));
        pbd.plug(c);
        assertTrue(pbd.getCurrentlyAttached(c));
        assertEquals(Set.of(vdi), sr.getVDIs(c), "a scan after the plug finds the VDI again");
        assertEquals("kept", vdi.getNameLabel(c));

        vdi.destroy(c);
        pbd.unplug(c);
        // The sample implements no SR.destroy: forget it, and its directory stays.
        sr.forget(c);
        Files.delete(jar);
        waitFor(30_000, sm(c, false));
    }
}
