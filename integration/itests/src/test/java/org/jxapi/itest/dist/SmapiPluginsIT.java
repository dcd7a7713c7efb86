package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.SM;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VBD;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VM;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SR drivers that are not Java bundles, on a distribution of their own: a SMAPIv3 volume plugin
 * in shell becomes an SR type (SR.create, VDI.create and attaching through a VM's start work),
 * and a SMAPIv1 driver executable (the DummySR sample) works through sm-smapiv1, its numeric
 * failures reaching the client as SR_BACKEND_FAILURE_<n>.
 */
class SmapiPluginsIT {
    private static RunningDistribution dist;
    private static Path root;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory(Path.of(System.getProperty("jxapi.buildDir", "target")), "smapi-");
        copyTree(resource("xapi-storage/smapiv3"), root.resolve("smapiv3"));
        copyTree(resource("xapi-storage/smapiv1"), root.resolve("sm"));
        Files.createDirectories(root.resolve("sm-state"));
        dist = RunningDistribution.start(Map.of(
                "org.jxapi.sm.smapiv3", Map.of("volume.root", root.resolve("smapiv3/volume").toString(),
                        "datapath.root", root.resolve("smapiv3/datapath").toString(), "rescan.seconds", "1"),
                "org.jxapi.sm.smapiv1", Map.of("sm.dir", root.resolve("sm").toString(),
                        "state.dir", root.resolve("sm-state").toString(), "rescan.seconds", "1")));
        String out = dist.client("feature:install jxapi-sm-smapiv3 jxapi-sm-smapiv1");
        assertTrue(!out.toLowerCase().contains("error"), out);
    }

    @AfterAll
    static void stop() {
        if (dist != null) {
            dist.stop();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SmapiPluginsIT.class.getClassLoader().getResource(name).toURI());
    }

    /** Copies plugins as an administrator installs them: scripts executable, helpers sourced. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            s.forEach(p -> {
                try {
                    Path t = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                        t.toFile().setExecutable(!t.getFileName().toString().endsWith(".sh"));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void awaitSm(Connection c, String type) throws Exception {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SM.getAllRecords(c).values().stream().anyMatch(r -> r.type.equals(type)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no SM object of type " + type + " within 30 s: " + dist.tail(), e);
        }
    }

    @Test
    void aSmapiv3ShellPluginIsAnSrTypeWhoseDisksAttach() throws Exception {
        Connection c = XapiSdk.connect(dist);
        awaitSm(c, "shfile");
        SR sr = SR.create(c, XapiSdk.thisHost(c), new HashMap<>(Map.of("path", root.resolve("v3-sr").toString())),
                0L, "shell SR", "", "shfile", "user", false, new HashMap<>());
        VDI vdi = XapiSdk.vdi(c, sr, "v3 disk", 8L << 20);
        assertEquals(8L << 20, vdi.getVirtualSize(c));
        VM vm = XapiSdk.vm(c, "v3 user");
        VBD vbd = XapiSdk.vbd(c, vm, vdi, "0");
        vm.start(c, false, false);
        assertTrue(vbd.getCurrentlyAttached(c));
        Types.VdiInUse e = org.junit.jupiter.api.Assertions.assertThrows(Types.VdiInUse.class, () -> vdi.destroy(c));
        assertEquals("destroy", e.operation);
        vm.hardShutdown(c);
        vm.destroy(c);
        vdi.destroy(c);
        StorageIT.unplugAndDestroy(c, sr);
    }

    @Test
    void aSmapiv1DriverWorksAndItsNumericFailureReachesTheClient() throws Exception {
        Connection c = XapiSdk.connect(dist);
        awaitSm(c, "dummy");
        SR sr = SR.create(c, XapiSdk.thisHost(c),
                new HashMap<>(Map.of("location", root.resolve("v1-sr").toString())), 0L, "dummy SR", "", "dummy",
                "user", false, new HashMap<>());
        VDI vdi = XapiSdk.vdi(c, sr, "v1 disk", 4L << 20);
        assertEquals(4L << 20, vdi.getVirtualSize(c));
        Types.XenAPIException e = org.junit.jupiter.api.Assertions.assertThrows(Types.XenAPIException.class,
                () -> XapiSdk.vdi(c, sr, "too big", 1L << 45));
        assertEquals("SR_BACKEND_FAILURE_79", e.errorDescription[0]);
        assertEquals(1, sr.getVDIs(c).size(), "the refused VDI left nothing behind");
        vdi.destroy(c);
        StorageIT.unplugAndDestroy(c, sr);
    }
}
