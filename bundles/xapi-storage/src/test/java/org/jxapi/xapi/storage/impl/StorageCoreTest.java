package org.jxapi.xapi.storage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.jxapi.api.impl.task.TaskManager;
import org.jxapi.db.Row;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.mux.impl.StorageMux;
import org.jxapi.storage.spi.MemorySrDriver;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Host;
import org.jxapi.xenapi.model.types.Pbd;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.StorageOperations;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VdiOperations;
import org.jxapi.xenapi.model.types.VdiType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The XenAPI side of storage over the real multiplexer and the in-memory SR driver, on an
 * in-memory database: SR and VDI objects in step with the driver, allowed and current
 * operations, errors with references, and SM objects following drivers.
 */
class StorageCoreTest {
    private DatabaseImpl db;
    private TaskManager tasks;
    private final StorageMux mux = new StorageMux();
    private final MemorySrDriver driver = new MemorySrDriver("memory", 1L << 30);
    private StorageCore core;
    private SrMessages srs;
    private VdiMessages vdis;
    private Ref<Host> host;

    @BeforeEach
    void setUp() throws Exception {
        db = DatabaseImpl.open(DbOptions.inMemory());
        host = db.write(tx -> {
            Ref<Host> h = tx.create("host", Map.of("name_label", "h"));
            tx.create("pool", Map.of("master", h));
            return h;
        });
        tasks = new TaskManager(db, new TaskManager.Limits(100, 100, 60_000, 60_000, 2));
        SmObjects sm = new SmObjects(db);
        mux.addListener(sm);
        sm.bindStorage(mux);
        mux.addDriver(driver, Map.of("sr.type", "memory"));
        core = new StorageCore(db, mux, () -> null, tasks);
        srs = new SrMessages(core);
        vdis = new VdiMessages(core);
        await(() -> sm("memory") != null);
    }

    @AfterEach
    void tearDown() {
        core.close();
        mux.close();
        tasks.shutdown();
        db.close();
    }

    private static void await(BooleanSupplier ok) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(ok::getAsBoolean);
    }

    private Row sm(String type) {
        for (Row r : db.snapshot().table("SM")) {
            if (type.equals(r.get("type"))) {
                return r;
            }
        }
        return null;
    }

    private Ref<Sr> sr() {
        return srs.create(null, host, Map.of("location", "/mem/" + System.nanoTime()), 0, "sr", "", "memory", "user",
                false, Map.of());
    }

    private Ref<Vdi> vdi(Ref<Sr> sr, long size) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("SR", sr);
        f.put("virtual_size", size);
        f.put("type", VdiType.USER);
        f.put("name_label", "d");
        f.put("other_config", Map.of("k", "v"));
        return core.createVdi(f);
    }

    private Row row(String cls, Ref<?> ref) {
        return db.snapshot().row(cls, ref);
    }

    @Test
    void smObjectsFollowTheDrivers() throws Exception {
        Row sm = sm("memory");
        assertTrue(((Set<?>) sm.get("capabilities")).contains("VDI_CREATE"));
        assertEquals(2L, ((Map<?, ?>) sm.get("features")).get("VDI_RESET_ON_BOOT"));
        MemorySrDriver other = new MemorySrDriver("other", 1L << 20);
        mux.addDriver(other, Map.of("sr.type", "other"));
        await(() -> sm("other") != null);
        mux.removeDriver(other, Map.of("sr.type", "other"));
        await(() -> sm("other") == null);
        assertNotNull(sm("memory"));
    }

    @Test
    void anSrIsMadePluggedAndItsVdisFollowTheDriver() {
        Ref<Sr> sr = sr();
        Row pbd = db.snapshot().require("PBD", (Ref<?>) ((Set<?>) row("SR", sr).get("PBDs")).iterator().next());
        assertEquals(true, pbd.get("currently_attached"));
        assertTrue(((Set<?>) row("SR", sr).get("allowed_operations")).contains(StorageOperations.VDI_CREATE));
        assertFalse(((Set<?>) row("SR", sr).get("allowed_operations")).contains(StorageOperations.DESTROY),
                "no destroy while plugged");

        Ref<Vdi> disk = vdi(sr, 1L << 20);
        Row d = row("VDI", disk);
        assertEquals(Map.of("k", "v"), d.get("other_config"));
        assertEquals(1L << 20, d.get("virtual_size"));
        assertTrue(((Set<?>) d.get("allowed_operations")).containsAll(Set.of(VdiOperations.SNAPSHOT,
                VdiOperations.CLONE, VdiOperations.DESTROY)));

        Ref<Vdi> snap = vdis.snapshot(null, disk, Map.of());
        assertEquals(true, row("VDI", snap).get("is_a_snapshot"));
        assertEquals(disk, row("VDI", snap).get("snapshot_of"));
        assertEquals(Map.of("k", "v"), row("VDI", snap).get("other_config"), "the XenAPI's own fields are copied");
        Ref<Vdi> clone = vdis.clone(null, snap, Map.of());
        assertEquals(false, row("VDI", clone).get("is_a_snapshot"));
        vdis.resize(null, clone, 2L << 20);
        assertEquals(2L << 20, row("VDI", clone).get("virtual_size"));

        // A VDI made behind the toolstack's back appears at the next scan; a vanished one goes.
        String srUuid = row("SR", sr).uuid();
        VdiInfo extra = mux.vdiCreate("t", srUuid, VdiInfo.builder().nameLabel("extra").virtualSize(4096).build());
        srs.scan(null, sr);
        assertNotNull(Lookups.vdiAt(db.snapshot(), sr, extra.vdi()));
        mux.vdiDestroy("t", srUuid, extra.vdi());
        srs.scan(null, sr);
        assertNull(Lookups.vdiAt(db.snapshot(), sr, extra.vdi()));
        assertEquals(3, ((Set<?>) row("SR", sr).get("VDIs")).size());
    }

    @Test
    void storageErrorsNameObjectsByReference() {
        Ref<Sr> sr = sr();
        Ref<Vdi> disk = vdi(sr, 4096);
        String srUuid = row("SR", sr).uuid();
        String location = (String) row("VDI", disk).get("location");
        mux.dpCreate("t", "holder");
        mux.vdiAttach("t", "holder", srUuid, location, "", true);
        XenApiException e = assertThrows(XenApiException.class, () -> core.destroyVdi(disk));
        assertEquals(List.of("VDI_IN_USE", disk.handle(), "destroy"), e.errorDescription());
        assertNotNull(row("VDI", disk), "a refused destroy keeps the object");
        assertTrue(((Map<?, ?>) row("VDI", disk).get("current_operations")).isEmpty());
        mux.dpDestroy("t", "holder", false);
        core.destroyVdi(disk);
        assertNull(row("VDI", disk));
    }

    @Test
    void refusedInputLeavesNothingBehind() {
        Ref<Sr> sr = sr();
        int before = db.snapshot().table("VDI").size();
        XenApiException tooBig = assertThrows(XenApiException.class, () -> vdi(sr, 1L << 40));
        assertEquals("SR_BACKEND_FAILURE_79", tooBig.code());
        XenApiException negative = assertThrows(XenApiException.class, () -> vdi(sr, -1));
        assertEquals("SR_BACKEND_FAILURE_79", negative.code());
        assertEquals(before, db.snapshot().table("VDI").size());
        int srsBefore = db.snapshot().table("SR").size();
        XenApiException unknown = assertThrows(XenApiException.class, () -> srs.create(null, host, Map.of(), 0, "x",
                "", "nosuch", "user", false, Map.of()));
        assertEquals(List.of("SR_UNKNOWN_DRIVER", "nosuch"), unknown.errorDescription());
        XenApiException missing = assertThrows(XenApiException.class, () -> srs.create(null, host, Map.of(), 0, "x",
                "", "memory", "user", false, Map.of()));
        assertEquals("SR_BACKEND_FAILURE_94", missing.code());
        assertEquals(srsBefore, db.snapshot().table("SR").size());
        assertEquals(srsBefore, db.snapshot().table("PBD").size());
    }

    @Test
    void unplugDestroyAndForgetFollowTheOriginalsRules() {
        Ref<Sr> sr = sr();
        Ref<Vdi> disk = vdi(sr, 4096);
        Ref<Pbd> pbd = ((Ref<?>) ((Set<?>) row("SR", sr).get("PBDs")).iterator().next()).cast();
        XenApiException plugged = assertThrows(XenApiException.class, () -> srs.destroy(null, sr));
        assertEquals(List.of("SR_HAS_PBD", sr.handle()), plugged.errorDescription());
        srs.unplug(null, pbd);
        XenApiException notEmpty = assertThrows(XenApiException.class, () -> srs.destroy(null, sr));
        assertEquals("SR_NOT_EMPTY", notEmpty.code());
        XenApiException noPbd = assertThrows(XenApiException.class, () -> core.destroyVdi(disk));
        assertEquals(List.of("SR_NO_PBDS", sr.handle()), noPbd.errorDescription());
        srs.plug(null, pbd);
        core.destroyVdi(disk);
        srs.unplug(null, pbd);
        srs.destroy(null, sr);
        assertNull(row("SR", sr));
        assertNull(row("PBD", pbd));
    }

    @Test
    void aCopyRunsAsAStorageTaskAndMakesTheObjectInTheOtherSr() {
        Ref<Sr> from = sr();
        Ref<Sr> to = sr();
        Ref<Vdi> disk = vdi(from, 1L << 20);
        String fromUuid = row("SR", from).uuid();
        mux.importRaw("t", fromUuid, (String) row("VDI", disk).get("location"),
                new java.io.ByteArrayInputStream(new byte[] {1, 2, 3, 4}), null);
        Ref<Vdi> copy = vdis.copy(null, disk, to, Ref.nullRef(), Ref.nullRef());
        Row c = row("VDI", copy);
        assertEquals(to, c.get("SR"));
        assertEquals(Map.of("k", "v"), c.get("other_config"));
        assertTrue(((Map<?, ?>) row("VDI", disk).get("current_operations")).isEmpty());
        assertTrue(mux.taskList("t").isEmpty(), "the storage task was destroyed once followed");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mux.exportRaw("t", row("SR", to).uuid(), (String) c.get("location"), out, null);
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4),
                List.of(out.toByteArray()[0], out.toByteArray()[1], out.toByteArray()[2], out.toByteArray()[3]));
    }
}
