package org.jxapi.sm.smapiv3.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.sm.support.drivers.DriverRegistrar;
import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
import org.jxapi.storage.api.QueryResult;
import org.jxapi.storage.api.SmapiVersion;
import org.jxapi.storage.api.StorageListener;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.mux.impl.StorageMux;
import org.jxapi.xenapi.model.XenApiException;

/**
 * A shell SMAPIv3 plugin dropped into a watched directory becomes an SR type of the storage
 * multiplexer; SRs and VDIs work through it; removing it unplugs its SRs.
 */
class Smapiv3PluginsTest {
    @TempDir
    Path tmp;
    private StorageMux mux;
    private PluginWatcher watcher;
    private final List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws Exception {
        mux = new StorageMux();
        mux.addListener(new StorageListener() {
            @Override
            public void srUnplugged(String sr, String srType) {
                heard.add("unplugged " + sr);
            }

            @Override
            public void driverDeparted(String srType) {
                heard.add("departed " + srType);
            }
        });
        DriverRegistrar intoMux = (type, driver) -> {
            Map<String, Object> props = Map.of("sr.type", type);
            mux.addDriver(driver, props);
            return () -> mux.removeDriver(driver, props);
        };
        watcher = new PluginWatcher(tmp.resolve("volume"), tmp.resolve("datapath"), "org.xen.xapi.storage.",
                new ScriptRunner(Duration.ofSeconds(30)), intoMux, Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() {
        watcher.close();
        mux.close();
    }

    /** Waits up to ten seconds, as the polling loop this replaced did (200 x 50 ms). */
    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    private static XenApiException fails(Runnable r) {
        return assertThrows(XenApiException.class, r::run);
    }

    @Test
    void aPluginDroppedInBecomesAnSrTypeThatWorks() throws Exception {
        assertEquals(List.of(), mux.drivers());
        SamplePlugins.install("datapath", SamplePlugins.DATAPATH, tmp.resolve("datapath"));
        Path plugin = SamplePlugins.install("volume", SamplePlugins.VOLUME, tmp.resolve("volume"));
        await("the shfile SR type appears", () -> mux.drivers().stream().anyMatch(d -> d.driver().equals("shfile")));

        QueryResult q = mux.query("t", "shfile");
        assertEquals(SmapiVersion.SMAPIV3, q.smapiVersion());
        assertTrue(q.features().containsAll(List.of("VDI_CREATE", "VDI_DELETE", "VDI_ATTACH", "SR_SCAN", "SR_CREATE")),
                q.features().toString());
        assertEquals(Map.of("path", "absolute path of the directory holding the SR"), q.configuration());

        Path srDir = tmp.resolve("srs/one");
        String sr = UUID.randomUUID().toString();
        Map<String, String> config = mux.srCreate("t", "shfile", sr, "shell SR", "", Map.of("path", srDir.toString()), 0);
        assertEquals(Map.of("path", srDir.toString()), config);
        mux.srAttach("t", sr, "shfile", config);
        assertEquals("shell SR", mux.srStat("t", sr).nameLabel());

        VdiInfo v = mux.vdiCreate("t", sr, VdiInfo.builder().nameLabel("disk").virtualSize(1 << 20).build());
        assertEquals(1 << 20, v.virtualSize());
        assertEquals("user", mux.vdiStat("t", sr, v.vdi()).type());
        assertEquals(List.of(v.vdi()), mux.srScan("t", sr).stream().map(VdiInfo::vdi).toList());
        mux.vdiSetNameLabel("t", sr, v.vdi(), "renamed");
        assertEquals("renamed", mux.vdiStat("t", sr, v.vdi()).nameLabel());

        Backend b = mux.vdiAttach("t", "vbd", sr, v.vdi(), "1", true);
        Path image = Path.of(b.first(Implementation.File.class).orElseThrow().path());
        assertTrue(Files.isRegularFile(image), image.toString());
        assertTrue(b.first(Implementation.XenDisk.class).isPresent());
        mux.vdiActivate("t", "vbd", sr, v.vdi(), "1");
        assertTrue(Files.exists(Path.of(image + ".active")), "Datapath.activate ran");
        mux.vdiDeactivate("t", "vbd", sr, v.vdi(), "1");
        assertFalse(Files.exists(Path.of(image + ".active")), "Datapath.deactivate ran");
        mux.vdiDetach("t", "vbd", sr, v.vdi(), "1");
        String contentId = mux.vdiStat("t", sr, v.vdi()).contentId();
        assertFalse(contentId.isEmpty(), "a read-write attach gave the volume a new content_id");
        assertNotEquals(v.contentId(), contentId);

        assertEquals("SR_OPERATION_NOT_SUPPORTED", fails(() -> mux.vdiSnapshot("t", sr, v)).code());
        assertEquals(List.of("SR_BACKEND_FAILURE", "", "device-config key path is required", ""),
                fails(() -> mux.srCreate("t", "shfile", UUID.randomUUID().toString(), "", "", Map.of(), 0))
                        .errorDescription());

        SamplePlugins.remove(plugin);
        // The departure is announced just after the driver leaves the list: wait for both.
        await("the SR type goes away", () -> mux.drivers().isEmpty() && heard.size() >= 2);
        assertEquals(List.of("unplugged " + sr, "departed shfile"), heard);
        assertEquals("SR_NOT_ATTACHED", fails(() -> mux.vdiStat("t", sr, v.vdi())).code());
    }

    @Test
    void aDirectoryThatIsNotAPluginIsIgnored() throws Exception {
        Files.createDirectories(tmp.resolve("volume/org.xen.xapi.storage.empty"));
        watcher.sync();
        assertEquals(List.of(), mux.drivers());
        assertEquals("shfile", watcher.typeOf(SamplePlugins.VOLUME));
    }
}
