package org.jxapi.sm.file.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.storage.api.Implementation;
import org.jxapi.storage.api.TaskState;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.mux.impl.StorageMux;
import org.jxapi.storage.spi.SrContext;
import org.jxapi.xenapi.model.XenApiException;

/** The file SR through the real storage multiplexer, with real qemu-img. */
class FileSrTest {
    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;

    @TempDir
    Path tmp;
    private Path dir;
    private String sr;
    private StorageMux mux;
    private FileSrDriver driver;

    @BeforeAll
    static void tools() {
        QemuTools.require();
    }

    @BeforeEach
    void setUp() {
        driver = QemuTools.driver(100 * GIB);
        mux = new StorageMux();
        mux.addDriver(driver, Map.of("sr.type", "file"));
        dir = tmp.resolve("sr");
        sr = UUID.randomUUID().toString();
        mux.srCreate("t", "file", sr, "files", "test SR", Map.of("location", dir.toString()), 0);
        mux.srAttach("t", sr, "file", Map.of("location", dir.toString()));
    }

    @AfterEach
    void tearDown() {
        mux.close();
    }

    private VdiInfo create(long size) {
        return mux.vdiCreate("t", sr, VdiInfo.builder().nameLabel("disk").virtualSize(size).build());
    }

    private byte[] export(String s, String vdi) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mux.exportRaw("t", s, vdi, out, null);
        return out.toByteArray();
    }

    private static Set<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private void assertCheckClean() throws IOException {
        for (String f : files(dir)) {
            if (f.endsWith(".qcow2")) {
                assertEquals(0, QemuTools.qemuImg().check(dir.resolve(f), "qcow2").exitCode(), "qemu-img check " + f);
            }
        }
    }

    private int chain(String vdi) {
        return driver.chainLength(new SrContext("t", sr, Map.of("location", dir.toString())), vdi);
    }

    private static XenApiException fails(Runnable r) {
        return assertThrows(XenApiException.class, r::run);
    }

    @Test
    void aSidecarWrittenBeforeJacksonStillLoads() throws Exception {
        VdiInfo disk = create(4 * MIB);
        // Exactly what the streaming writer of earlier versions left, nulls and all.
        Files.writeString(dir.resolve(disk.vdi() + ".json"), "{\n  \"uuid\" : \"" + disk.uuid() + "\",\n"
                + "  \"file\" : \"" + disk.vdi() + ".qcow2\",\n  \"format\" : \"qcow2\",\n"
                + "  \"name_label\" : \"old disk\",\n  \"name_description\" : null,\n  \"type\" : \"\",\n"
                + "  \"sm_config\" : { \"k\" : \"v\" },\n  \"is_a_snapshot\" : true,\n  \"snapshot_of\" : \"\",\n"
                + "  \"snapshot_time\" : \"\",\n  \"read_only\" : false,\n  \"persistent\" : true,\n"
                + "  \"sharable\" : false,\n  \"content_id\" : \"c\",\n  \"metadata_of_pool\" : \"\",\n"
                + "  \"cbt_enabled\" : false,\n  \"hidden\" : false,\n  \"parent\" : \"\",\n"
                + "  \"virtual_size\" : 4194304,\n  \"pending\" : \"\",\n  \"reset_base\" : \"\"\n}");
        VdiInfo read = mux.vdiStat("t", sr, disk.vdi());
        assertEquals(List.of("old disk", "", "user", "c", "v", 4 * MIB, true),
                List.of(read.nameLabel(), read.nameDescription(), read.type(), read.contentId(),
                        read.smConfig().get("k"), read.virtualSize(), read.isASnapshot()));
        mux.vdiSetNameLabel("t", sr, disk.vdi(), "renamed");
        assertEquals(List.of("renamed"), mux.srScan("t", sr).stream().map(VdiInfo::nameLabel).toList());
        assertTrue(Files.readString(dir.resolve(disk.vdi() + ".json")).contains("\"name_label\" : \"renamed\""));
    }

    @Test
    void snapshotCloneExportAndCoalesce() throws Exception {
        byte[] image = new byte[(int) (64 * MIB)];
        new Random(42).nextBytes(image);
        VdiInfo disk = create(64 * MIB);
        mux.importRaw("t", sr, disk.vdi(), new ByteArrayInputStream(image), null);

        VdiInfo snap = mux.vdiSnapshot("t", sr, mux.vdiStat("t", sr, disk.vdi()));
        assertTrue(snap.isASnapshot() && snap.readOnly());
        assertEquals(disk.vdi(), snap.snapshotOf());
        VdiInfo clone = mux.vdiClone("t", sr, snap);
        assertFalse(clone.readOnly());
        assertEquals(2, chain(disk.vdi()));
        assertEquals(2, chain(clone.vdi()));

        assertArrayEquals(image, export(sr, clone.vdi()), "the clone of the snapshot holds the image");
        assertArrayEquals(image, export(sr, disk.vdi()));
        assertCheckClean();
        long imageBytes = Files.size(dir.resolve(snap.vdi() + ".qcow2"));
        assertTrue(Files.size(dir.resolve(clone.vdi() + ".qcow2")) < imageBytes / 10, "the clone copied nothing");

        mux.vdiDestroy("t", sr, snap.vdi());
        assertEquals(2, chain(disk.vdi()), "two VDIs still share the snapshot's image");
        assertEquals(Set.of(disk.vdi(), clone.vdi()),
                mux.srScan("t", sr).stream().map(VdiInfo::vdi).collect(Collectors.toSet()));
        mux.vdiDestroy("t", sr, clone.vdi());
        assertEquals(1, chain(disk.vdi()), "the chain was coalesced");
        assertEquals(Set.of("sr.json", disk.vdi() + ".qcow2", disk.vdi() + ".json"), files(dir));
        assertArrayEquals(image, export(sr, disk.vdi()));
        assertCheckClean();
    }

    @Test
    void snapshotAndCloneOfTenGibibytesTakeUnderASecond() {
        VdiInfo disk = create(10 * GIB);
        long t0 = System.nanoTime();
        VdiInfo snap = mux.vdiSnapshot("t", sr, disk);
        long t1 = System.nanoTime();
        VdiInfo clone = mux.vdiClone("t", sr, snap);
        long t2 = System.nanoTime();
        VdiInfo clone2 = mux.vdiClone("t", sr, disk);
        long t3 = System.nanoTime();
        assertTrue(t1 - t0 < 1_000_000_000L, "snapshot took " + (t1 - t0) / 1_000_000 + " ms");
        assertTrue(t2 - t1 < 1_000_000_000L, "clone of a snapshot took " + (t2 - t1) / 1_000_000 + " ms");
        assertTrue(t3 - t2 < 1_000_000_000L, "clone of a writable VDI took " + (t3 - t2) / 1_000_000 + " ms");
        assertEquals(10 * GIB, clone.virtualSize());
        assertEquals(10 * GIB, clone2.virtualSize());
    }

    @Test
    void scanAdoptsImagesAddedByHand() throws Exception {
        QemuTools.run(QemuTools.QEMU_IMG.toString(), "create", "-q", "-f", "qcow2",
                dir.resolve("handmade.qcow2").toString(), "32M");
        List<VdiInfo> scan = mux.srScan("t", sr);
        assertEquals(1, scan.size());
        VdiInfo v = scan.get(0);
        assertEquals("handmade", v.vdi());
        assertEquals("handmade", v.nameLabel());
        assertEquals(32 * MIB, v.virtualSize());
        mux.srDetach("t", sr);
        mux.srAttach("t", sr, "file", Map.of("location", dir.toString()));
        assertEquals(v.uuid(), mux.srScan("t", sr).get(0).uuid(), "the adopted VDI keeps its UUID");
        VdiInfo snap = mux.vdiSnapshot("t", sr, v);
        assertEquals("handmade", snap.snapshotOf());

        QemuTools.run(QemuTools.QEMU_IMG.toString(), "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                "handmade.qcow2", dir.resolve("child.qcow2").toString());
        VdiInfo child = mux.srScan("t", sr).stream().filter(x -> x.vdi().equals("child")).findFirst().orElseThrow();
        assertEquals(chain(v.vdi()) + 1, chain(child.vdi()), "the child's backing file is its parent");
        assertTrue(mux.vdiStat("t", sr, "handmade").readOnly(), "an image others build on becomes read-only");
        assertEquals("VDI_MISSING", fails(() -> mux.vdiStat("t", sr, "sr")).code(), "the SR's own file is no VDI");
    }

    @Test
    void metadataLivesInTheSrAndSurvivesANewToolstack() {
        VdiInfo disk = create(MIB);
        mux.vdiSetNameLabel("t", sr, disk.vdi(), "system disk");
        mux.vdiAddToSmConfig("t", sr, disk.vdi(), "purpose", "test");
        VdiInfo snap = mux.vdiSnapshot("t", sr, mux.vdiStat("t", sr, disk.vdi()));
        mux.close();

        StorageMux fresh = new StorageMux();
        try {
            fresh.addDriver(QemuTools.driver(GIB), Map.of("sr.type", "file"));
            fresh.srAttach("t", sr, "file", Map.of("location", dir.toString()));
            VdiInfo d = fresh.vdiStat("t", sr, disk.vdi());
            assertEquals("system disk", d.nameLabel());
            assertEquals("test", d.smConfig().get("purpose"));
            VdiInfo s = fresh.vdiStat("t", sr, snap.vdi());
            assertTrue(s.isASnapshot());
            assertEquals(disk.vdi(), s.snapshotOf());
            assertEquals(snap.snapshotTime(), s.snapshotTime());
        } finally {
            fresh.close();
        }
    }

    @Test
    void badRequestsGetTheOriginalsErrorsAndLeaveNothingBehind() throws Exception {
        VdiInfo disk = create(MIB);
        Set<String> before = files(dir);

        assertEquals("SR_BACKEND_FAILURE_79", fails(() -> create(-5)).code());
        assertEquals("SR_BACKEND_FAILURE_79", fails(() -> create(101 * GIB)).code());
        assertEquals("SR_UNKNOWN_DRIVER", fails(() -> mux.srCreate("t", "nfs", UUID.randomUUID().toString(), "",
                "", Map.of("location", tmp.resolve("other").toString()), 0)).code());
        XenApiException missing = fails(() -> mux.srCreate("t", "file", UUID.randomUUID().toString(), "", "",
                Map.of("path", tmp.resolve("other").toString()), 0));
        assertEquals("SR_BACKEND_FAILURE_94", missing.code());
        assertEquals("", missing.params().get(0));
        assertTrue(missing.params().get(1).startsWith("The request is missing the location parameter"));
        assertFalse(Files.exists(tmp.resolve("other")));
        assertEquals("SR_BACKEND_FAILURE_42", fails(() -> mux.srCreate("t", "file", UUID.randomUUID().toString(),
                "", "", Map.of("location", dir.toString()), 0)).code(), "a non-empty directory is an existing SR");

        mux.vdiAttach("t", "vbd", sr, disk.vdi(), "1", true);
        assertEquals(List.of("VDI_IN_USE", disk.vdi(), "destroy"),
                fails(() -> mux.vdiDestroy("t", sr, disk.vdi())).errorDescription());
        assertEquals(before, files(dir));
        mux.vdiDetach("t", "vbd", sr, disk.vdi(), "1");

        VdiInfo snap = mux.vdiSnapshot("t", sr, disk);
        assertEquals("VDI_READONLY", fails(() -> mux.vdiAttach("t", "vbd", sr, snap.vdi(), "1", true)).code());
        assertEquals("SR_BACKEND_FAILURE_79", fails(() -> mux.vdiResize("t", sr, disk.vdi(), 1)).code());
        assertEquals("VDI_MISSING", fails(() -> mux.vdiStat("t", sr, "../etc")).code());
    }

    @Test
    void resizeGrowsTheImage() {
        VdiInfo disk = create(MIB);
        assertEquals(3 * MIB, mux.vdiResize("t", sr, disk.vdi(), 3 * MIB));
        QemuImg.Info i = QemuTools.qemuImg().info(dir.resolve(disk.vdi() + ".qcow2"));
        assertEquals(3 * MIB, i.virtualSize());
        VdiInfo raw = mux.vdiCreate("t", sr, VdiInfo.builder().virtualSize(MIB).smConfig("image-format", "raw").build());
        assertEquals("raw", raw.smConfig().get("image-format"));
        assertEquals(2 * MIB, mux.vdiResize("t", sr, raw.vdi(), 2 * MIB));
    }

    @Test
    void dataCopyBetweenFileSrsIsSparse() throws Exception {
        Path dir2 = tmp.resolve("sr2");
        String sr2 = UUID.randomUUID().toString();
        mux.srCreate("t", "file", sr2, "", "", Map.of("location", dir2.toString()), 0);
        mux.srAttach("t", sr2, "file", Map.of("location", dir2.toString()));
        VdiInfo disk = create(256 * MIB);
        QemuTools.guestWrite(dir.resolve(disk.vdi() + ".qcow2"), "qcow2", 100 * MIB, MIB, 0x5a);
        String contentId = mux.vdiStat("t", sr, disk.vdi()).contentId();

        String task = mux.dataCopy("t", sr, disk.vdi(), sr2);
        TaskState s = await(task);
        assertTrue(s instanceof TaskState.Completed, String.valueOf(s));
        VdiInfo copy = ((TaskState.Completed) s).result();
        assertEquals(contentId, copy.contentId());
        assertTrue(Files.size(dir2.resolve(copy.vdi() + ".qcow2")) < 8 * MIB, "only allocated data was copied");
        assertArrayEquals(export(sr, disk.vdi()), export(sr2, copy.vdi()));
    }

    /** The task's final state; up to 20 s, as the polling loop this replaced (1000 x 20 ms). */
    private TaskState await(String task) {
        return Awaitility.await("task " + task + " finishes").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> mux.taskStat("t", task).state(), s -> !(s instanceof TaskState.Pending));
    }

    @Test
    void nonPersistentVdiIsResetAtEachBoot() {
        VdiInfo disk = create(4 * MIB);
        Path image = dir.resolve(disk.vdi() + ".qcow2");
        QemuTools.guestWrite(image, "qcow2", 0, MIB, 0x11);
        mux.vdiSetPersistent("t", sr, disk.vdi(), false);
        mux.vdiEpochBegin("t", sr, disk.vdi(), "1", false);
        QemuTools.guestWrite(image, "qcow2", 0, MIB, 0x22);
        assertEquals(0x22, export(sr, disk.vdi())[0]);
        mux.vdiEpochBegin("t", sr, disk.vdi(), "1", false);
        assertEquals(0x11, export(sr, disk.vdi())[0], "the second boot starts from the first boot's contents");
        mux.vdiSetPersistent("t", sr, disk.vdi(), true);
        QemuTools.guestWrite(image, "qcow2", 0, MIB, 0x33);
        mux.vdiEpochBegin("t", sr, disk.vdi(), "1", true);
        assertEquals(0x33, export(sr, disk.vdi())[0], "a persistent VDI keeps its writes");
        assertEquals(1, chain(disk.vdi()), "the reset base was merged back");
    }

    @Test
    void contentIdChangesAfterReadWriteAttach() {
        VdiInfo disk = create(MIB);
        mux.vdiAttach("t", "vbd", sr, disk.vdi(), "1", true);
        assertTrue(mux.dpAttachInfo("t", sr, disk.vdi(), "vbd").first(Implementation.File.class).isPresent());
        mux.vdiDetach("t", "vbd", sr, disk.vdi(), "1");
        assertNotEquals(disk.contentId(), mux.vdiStat("t", sr, disk.vdi()).contentId());
    }

    @Test
    void anInterruptedSnapshotIsFinishedOnAttach() throws Exception {
        byte[] image = new byte[(int) MIB];
        new Random(1).nextBytes(image);
        VdiInfo disk = create(MIB);
        mux.importRaw("t", sr, disk.vdi(), new ByteArrayInputStream(image), null);
        mux.srDetach("t", sr);
        // Replay the first half of a snapshot by hand: the snapshot's sidecar, then the rename.
        String snap = UUID.randomUUID().toString();
        String json = Files.readString(dir.resolve(disk.vdi() + ".json"))
                .replace("\"file\" : \"" + disk.vdi() + ".qcow2\"", "\"file\" : \"" + snap + ".qcow2\"")
                .replace("\"pending\" : \"\"", "\"pending\" : \"snapshot:" + disk.vdi() + "\"")
                .replace("\"read_only\" : false", "\"read_only\" : true");
        assertTrue(json.contains("snapshot:"), json);
        Files.writeString(dir.resolve(snap + ".json"), json);
        Files.move(dir.resolve(disk.vdi() + ".qcow2"), dir.resolve(snap + ".qcow2"));
        Files.writeString(dir.resolve(".import-leftover"), "x");

        mux.srAttach("t", sr, "file", Map.of("location", dir.toString()));
        assertArrayEquals(image, export(sr, disk.vdi()));
        assertEquals(2, chain(disk.vdi()));
        assertEquals(2, mux.srScan("t", sr).size());
        assertFalse(Files.exists(dir.resolve(".import-leftover")), "temporary files are removed");
        assertCheckClean();
    }
}
