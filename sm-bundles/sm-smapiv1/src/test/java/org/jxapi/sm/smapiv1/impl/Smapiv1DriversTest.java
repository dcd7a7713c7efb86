package org.jxapi.sm.smapiv1.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
import org.jxapi.storage.api.ProbeResult;
import org.jxapi.storage.api.QueryResult;
import org.jxapi.storage.api.SmapiVersion;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.mux.impl.StorageMux;
import org.jxapi.xenapi.model.XenApiException;

/** A SMAPIv1 driver executable found in the SM directory works through the storage multiplexer. */
class Smapiv1DriversTest {
    @TempDir
    Path tmp;
    private StorageMux mux;
    private Smapiv1Drivers drivers;
    private Path exe;
    private Path location;
    private final String sr = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() throws Exception {
        exe = SampleDriver.install(tmp.resolve("sm"));
        mux = new StorageMux();
        drivers = new Smapiv1Drivers(tmp.resolve("sm"), tmp.resolve("state"), Duration.ofSeconds(30), (type, d) -> {
            Map<String, Object> props = Map.of("sr.type", type);
            mux.addDriver(d, props);
            return () -> mux.removeDriver(d, props);
        }, 0);
        location = tmp.resolve("data");
        mux.srCreate("t", "dummy", sr, "dummy SR", "", Map.of("location", location.toString()), 0);
        mux.srAttach("t", sr, "dummy", Map.of("location", location.toString()));
    }

    @AfterEach
    void tearDown() {
        drivers.close();
        mux.close();
    }

    private static XenApiException fails(Runnable r) {
        return assertThrows(XenApiException.class, r::run);
    }

    private VdiInfo create(String name) {
        return mux.vdiCreate("t", sr, VdiInfo.builder().nameLabel(name).virtualSize(1 << 20).build());
    }

    @Test
    void theDriverDescribesItself() {
        QueryResult q = mux.query("t", "dummy");
        assertEquals("Dummy", q.name());
        assertEquals(SmapiVersion.SMAPIV1, q.smapiVersion());
        assertTrue(q.features().containsAll(List.of("VDI_CREATE", "VDI_SNAPSHOT", "SR_PROBE")), q.features().toString());
        assertEquals(Map.of("location", "directory holding the fake data"), q.configuration());
    }

    @Test
    void vdisLiveThroughTheDriver() throws Exception {
        VdiInfo v = create("disk");
        assertTrue(Files.exists(location.resolve(v.vdi() + ".img")));
        assertEquals(List.of("disk"), mux.srScan("t", sr).stream().map(VdiInfo::nameLabel).toList());
        Backend b = mux.vdiAttach("t", "vbd", sr, v.vdi(), "1", true);
        assertEquals(location.resolve(v.vdi() + ".img").toString(), b.first(Implementation.File.class).orElseThrow().path());
        assertEquals(Map.of("dummy", "yes"), b.first(Implementation.XenDisk.class).orElseThrow().extra());
        mux.vdiActivate("t", "vbd", sr, v.vdi(), "1");
        assertTrue(Files.exists(location.resolve(v.vdi() + ".img.active")), "vdi_activate ran");
        mux.vdiDeactivate("t", "vbd", sr, v.vdi(), "1");
        mux.vdiDetach("t", "vbd", sr, v.vdi(), "1");
        VdiInfo snap = mux.vdiSnapshot("t", sr, v);
        assertTrue(snap.isASnapshot() && snap.readOnly());
        assertEquals(2 << 20, mux.vdiResize("t", sr, v.vdi(), 2 << 20));
        assertTrue(mux.srProbe("t", "dummy", Map.of("location", "/x"), Map.of()) instanceof ProbeResult.Raw);
        mux.vdiDestroy("t", sr, snap.vdi());
        mux.vdiDestroy("t", sr, v.vdi());
        assertEquals(List.of(), mux.srScan("t", sr));
    }

    @Test
    void numericFailuresSurfaceAsSrBackendFailures() {
        XenApiException e = fails(() -> create("no-space"));
        assertEquals("SR_BACKEND_FAILURE_44", e.code());
        assertEquals(List.of("", "There is insufficient space", "dummy: no room left in " + location + "\n"),
                e.params());
        XenApiException size = fails(() -> mux.vdiCreate("t", sr, VdiInfo.builder().virtualSize(1L << 41).build()));
        assertEquals("SR_BACKEND_FAILURE_79", size.code());
        assertEquals("VDI Invalid size [opterr=VDI size must be between 0 and 1099511627776 bytes]", size.params().get(1));
        assertEquals(List.of("SR_BACKEND_FAILURE_94", "", "The request is missing the location parameter", ""),
                fails(() -> mux.srCreate("t", "dummy", UUID.randomUUID().toString(), "", "", Map.of(), 0))
                        .errorDescription());
        assertEquals(List.of(), mux.srScan("t", sr), "failed creates leave nothing behind");
    }

    @Test
    void namedFaultsBecomeNamedErrors() throws Exception {
        VdiInfo v = create("disk");
        Files.delete(location.resolve(v.vdi() + ".img"));
        assertEquals(List.of("VDI_MISSING", sr, v.vdi()),
                fails(() -> mux.vdiAttach("t", "vbd", sr, v.vdi(), "1", false)).errorDescription());
        VdiInfo w = create("other");
        assertEquals(List.of("SR_NOT_EMPTY"), fails(() -> mux.srDestroy("t", sr)).errorDescription());
        assertEquals(w.vdi(), mux.vdiStat("t", sr, w.vdi()).vdi());
    }

    @Test
    void anSrRecordedInTheOldPropertiesFormatKeepsItsVdisNames() throws Exception {
        VdiInfo v = create("disk");
        Path state = tmp.resolve("state/dummy");
        Files.delete(state.resolve(sr + ".json"));
        Files.writeString(state.resolve(sr + ".properties"), String.join("\n",
                v.vdi() + ".uuid=" + v.uuid(), v.vdi() + ".name_label=old name", v.vdi() + ".name_description=kept",
                v.vdi() + ".type=user", v.vdi() + ".is_a_snapshot=false", v.vdi() + ".snapshot_of=",
                v.vdi() + ".snapshot_time=", v.vdi() + ".read_only=false", v.vdi() + ".virtual_size=1048576",
                v.vdi() + ".content_id=c", v.vdi() + ".sharable=false", v.vdi() + ".persistent=true", ""));

        VdiInfo read = mux.srScan("t", sr).get(0);
        assertEquals(List.of(v.uuid(), "old name", "kept", 1L << 20),
                List.of(read.uuid(), read.nameLabel(), read.nameDescription(), read.virtualSize()));
        assertTrue(Files.exists(state.resolve(sr + ".json")), "rewritten as JSON");
        assertTrue(Files.notExists(state.resolve(sr + ".properties")), "converted once");
        mux.vdiSetNameLabel("t", sr, v.vdi(), "new name");
        assertEquals("new name", mux.vdiStat("t", sr, v.vdi()).nameLabel());
    }

    @Test
    void aRemovedExecutableTakesItsSrTypeAway() throws Exception {
        Files.delete(exe);
        drivers.scan();
        assertEquals(List.of(), mux.drivers());
        assertEquals("SR_NOT_ATTACHED", fails(() -> mux.srScan("t", sr)).code());
        SampleDriver.install(tmp.resolve("sm"));
        drivers.scan();
        assertEquals(List.of("dummy"), mux.drivers().stream().map(QueryResult::driver).toList());
    }
}
