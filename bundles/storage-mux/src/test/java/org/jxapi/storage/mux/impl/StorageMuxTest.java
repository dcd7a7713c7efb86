package org.jxapi.storage.mux.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxapi.storage.api.DpStat;
import org.jxapi.storage.api.DynamicId;
import org.jxapi.storage.api.QueryResult;
import org.jxapi.storage.api.StorageListener;
import org.jxapi.storage.api.TaskState;
import org.jxapi.storage.api.Updates;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.api.VdiState;
import org.jxapi.storage.spi.Capability;
import org.jxapi.storage.spi.ConfigKey;
import org.jxapi.storage.spi.DriverInfo;
import org.jxapi.storage.spi.MemorySrDriver;
import org.jxapi.storage.spi.SmError;
import org.jxapi.xenapi.model.XenApiException;

class StorageMuxTest {
    private static final long MIB = 1024 * 1024;
    private StorageMux mux;
    private MemorySrDriver mem;
    private String sr;
    private final List<String> heard = new ArrayList<>();

    private final StorageListener listener = new StorageListener() {
        @Override
        public void driverArrived(QueryResult driver) {
            heard.add("arrived " + driver.driver());
        }

        @Override
        public void driverDeparted(String srType) {
            heard.add("departed " + srType);
        }

        @Override
        public void srUnplugged(String s, String srType) {
            heard.add("unplugged " + s);
        }
    };

    private static Map<String, Object> props(String type, int ranking, long id) {
        return Map.of("sr.type", type, "service.ranking", ranking, "service.id", id);
    }

    @BeforeEach
    void setUp() {
        mux = new StorageMux();
        mem = new MemorySrDriver("memory", 100 * MIB);
        mux.addDriver(mem, props("mem", 0, 1L));
        mux.addListener(listener);
        sr = UUID.randomUUID().toString();
        mux.srCreate("t", "mem", sr, "sr", "", Map.of("location", "here"), 0);
        mux.srAttach("t", sr, "mem", Map.of("location", "here"));
    }

    @AfterEach
    void tearDown() {
        mux.close();
    }

    private VdiInfo newVdi(long size) {
        return mux.vdiCreate("t", sr, VdiInfo.builder().nameLabel("disk").virtualSize(size).build());
    }

    private static XenApiException fails(Runnable r) {
        return assertThrows(XenApiException.class, r::run);
    }

    private long driverCalls(String prefix) {
        return mem.calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    @Test
    void unknownSrTypeIsRefusedBeforeAnyDriverIsCalled() {
        int before = mem.calls.size();
        XenApiException e = fails(() -> mux.srCreate("t", "nfs", UUID.randomUUID().toString(), "x", "", Map.of(), 0));
        assertEquals(List.of("SR_UNKNOWN_DRIVER", "nfs"), e.errorDescription());
        assertEquals("SR_UNKNOWN_DRIVER", fails(() -> mux.srAttach("t", "x", "nfs", Map.of())).code());
        assertEquals("SR_UNKNOWN_DRIVER", fails(() -> mux.query("t", "nfs")).code());
        assertEquals(before, mem.calls.size());
    }

    @Test
    void missingDeviceConfigKeyIsTheDriversBackendFailureAndCreatesNothing() {
        String other = UUID.randomUUID().toString();
        XenApiException e = fails(() -> mux.srCreate("t", "mem", other, "x", "", Map.of(), 0));
        assertEquals("SR_BACKEND_FAILURE_94", e.code());
        assertEquals(3, e.params().size());
        assertEquals("", e.params().get(0));
        assertTrue(e.params().get(1).startsWith("The request is missing the location parameter"), e.params().get(1));
        assertEquals("SR_BACKEND_FAILURE_47", fails(() -> mux.srAttach("t", other, "mem", Map.of("location", "x"))).code());
        assertEquals(List.of(sr), mux.srList("t"));
    }

    @Test
    void badSizesAreSmErrorSeventyNineAndLeaveNothing() {
        XenApiException neg = fails(() -> newVdi(-1));
        assertEquals("SR_BACKEND_FAILURE_79", neg.code());
        assertTrue(neg.params().get(1).startsWith("VDI Invalid size"), neg.params().toString());
        assertEquals(0, driverCalls("VDI.create"), "a negative size never reaches the driver");
        assertEquals("SR_BACKEND_FAILURE_79", fails(() -> newVdi(101 * MIB)).code());
        assertEquals(List.of(), mux.srScan("t", sr));
    }

    @Test
    void vdiCallsOnAnUnattachedSrAreSrNotAttached() {
        assertEquals(List.of("SR_NOT_ATTACHED", "nope"), fails(() -> mux.vdiStat("t", "nope", "v")).errorDescription());
        assertEquals("SR_NOT_ATTACHED", fails(() -> mux.srScan("t", "nope")).code());
    }

    @Test
    void smCodesBecomeTheOriginalsXenApiErrors() {
        mem.failNext("VDI.create", new SmError(44, "There is insufficient space", "no room"));
        assertEquals(List.of("SR_BACKEND_FAILURE_44", "", "There is insufficient space", "no room"),
                fails(() -> newVdi(MIB)).errorDescription());
        mem.failNext("VDI.create", new SmError(24, "busy", ""));
        assertEquals(List.of("VDI_IN_USE"), fails(() -> newVdi(MIB)).errorDescription());
        mem.failNext("VDI.create", SmError.unimplemented("VDI.create"));
        assertEquals(List.of("UNIMPLEMENTED_IN_SM_BACKEND", "VDI.create"), fails(() -> newVdi(MIB)).errorDescription());
        assertEquals(List.of("VDI_MISSING", sr, "ghost"), fails(() -> mux.vdiStat("t", sr, "ghost")).errorDescription());
        VdiInfo v = newVdi(MIB);
        mem.failNext("SR.destroy", new SmError(39, "The SR is not empty", ""));
        assertEquals(List.of("SR_NOT_EMPTY"), fails(() -> mux.srDestroy("t", sr)).errorDescription());
        assertEquals(v.vdi(), mux.vdiStat("t", sr, v.vdi()).vdi());
    }

    @Test
    void missingCapabilityIsSrOperationNotSupported() {
        MemorySrDriver limited = new MemorySrDriver() {
            @Override
            public DriverInfo info() {
                return new DriverInfo("limited", "no snapshots", "jxapi", "", "1",
                        EnumSet.of(Capability.VDI_CREATE, Capability.VDI_ATTACH),
                        List.of(ConfigKey.required("location", "where")));
            }
        };
        mux.addDriver(limited, props("limited", 0, 2L));
        String s = UUID.randomUUID().toString();
        mux.srCreate("t", "limited", s, "", "", Map.of("location", "l"), 0);
        mux.srAttach("t", s, "limited", Map.of("location", "l"));
        VdiInfo v = mux.vdiCreate("t", s, VdiInfo.builder().virtualSize(MIB).build());
        assertEquals(List.of("SR_OPERATION_NOT_SUPPORTED", s), fails(() -> mux.vdiSnapshot("t", s, v)).errorDescription());
        assertEquals("SR_OPERATION_NOT_SUPPORTED", fails(() -> mux.vdiDestroy("t", s, v.vdi())).code());
        assertEquals("SR_BACKEND_FAILURE", fails(() -> mux.srProbe("t", "limited", Map.of(), Map.of())).code());
    }

    @Test
    void destroyOfAnAttachedVdiIsVdiInUseAndKeepsIt() {
        VdiInfo v = newVdi(MIB);
        mux.vdiAttach("t", "vbd/1", sr, v.vdi(), "1", true);
        assertEquals(List.of("VDI_IN_USE", v.vdi(), "destroy"), fails(() -> mux.vdiDestroy("t", sr, v.vdi())).errorDescription());
        assertEquals(0, driverCalls("VDI.destroy"));
        assertEquals(v.vdi(), mux.vdiStat("t", sr, v.vdi()).vdi());
        mux.vdiDetach("t", "vbd/1", sr, v.vdi(), "1");
        mux.vdiDestroy("t", sr, v.vdi());
        assertEquals(List.of(), mux.srScan("t", sr));
    }

    @Test
    void severalDatapathsShareOneDriverAttachment() {
        VdiInfo v = newVdi(MIB);
        mux.vdiAttach("t", "a", sr, v.vdi(), "1", true);
        mux.vdiAttach("t", "b", sr, v.vdi(), "2", false);
        assertEquals(1, driverCalls("VDI.attach"));
        DpStat st = mux.dpStatVdi("t", sr, v.vdi());
        assertEquals(VdiState.ATTACHED_RW, st.superstate());
        assertEquals(Map.of("a", VdiState.ATTACHED_RW, "b", VdiState.ATTACHED_RO), st.dps());
        assertEquals(mux.dpAttachInfo("t", sr, v.vdi(), "a"), mux.dpAttachInfo("t", sr, v.vdi(), "b"));
        mux.vdiDetach("t", "a", sr, v.vdi(), "1");
        assertEquals(0, driverCalls("VDI.detach"), "still held by b");
        mux.vdiDetach("t", "b", sr, v.vdi(), "2");
        assertEquals(1, driverCalls("VDI.detach"));
        assertEquals(VdiState.DETACHED, mux.dpStatVdi("t", sr, v.vdi()).superstate());
    }

    @Test
    void readWriteAfterReadOnlyIsAnIllegalTransition() {
        VdiInfo v = newVdi(MIB);
        mux.vdiAttach("t", "ro", sr, v.vdi(), "1", false);
        XenApiException e = fails(() -> mux.vdiAttach("t", "rw", sr, v.vdi(), "2", true));
        assertEquals("INTERNAL_ERROR", e.code());
        assertTrue(e.params().get(0).contains("Illegal_transition"), e.params().toString());
        assertEquals(Map.of("ro", VdiState.ATTACHED_RO), mux.dpStatVdi("t", sr, v.vdi()).dps());
        assertEquals(1, driverCalls("VDI.attach"));
    }

    @Test
    void activationFollowsTheSuperstate() {
        VdiInfo v = newVdi(MIB);
        mux.vdiAttach("t", "a", sr, v.vdi(), "1", true);
        mux.vdiActivate("t", "a", sr, v.vdi(), "1");
        assertEquals(List.of("VDI.activate " + v.vdi() + " RW"),
                mem.calls.stream().filter(c -> c.startsWith("VDI.activate")).toList());
        assertEquals("INTERNAL_ERROR", fails(() -> mux.vdiDetach("t", "a", sr, v.vdi(), "1")).code(),
                "an activated datapath must deactivate first");
        mux.vdiDeactivate("t", "a", sr, v.vdi(), "1");
        mux.vdiDetach("t", "a", sr, v.vdi(), "1");
        assertEquals(1, driverCalls("VDI.deactivate"));
        assertEquals(1, driverCalls("VDI.detach"));
    }

    @Test
    void contentIdChangesAfterReadWriteUseOnly() {
        VdiInfo v = newVdi(MIB);
        String c0 = mux.vdiStat("t", sr, v.vdi()).contentId();
        mux.vdiAttach("t", "ro", sr, v.vdi(), "1", false);
        mux.vdiDetach("t", "ro", sr, v.vdi(), "1");
        assertEquals(c0, mux.vdiStat("t", sr, v.vdi()).contentId());
        mux.vdiAttach("t", "rw", sr, v.vdi(), "1", true);
        assertEquals(c0, mux.vdiStat("t", sr, v.vdi()).contentId(), "reset on detach, not before");
        mux.vdiDetach("t", "rw", sr, v.vdi(), "1");
        String c1 = mux.vdiStat("t", sr, v.vdi()).contentId();
        assertNotEquals(c0, c1);
        assertFalse(c1.isEmpty());
    }

    @Test
    void dpDestroyTearsDownAndLeaksOnlyWhenAllowed() {
        VdiInfo v = newVdi(MIB);
        mux.dpCreate("t", "vbd");
        mux.vdiAttach("t", "vbd", sr, v.vdi(), "1", true);
        mux.vdiActivate("t", "vbd", sr, v.vdi(), "1");
        mem.failNext("VDI.detach", new SmError(46, "The VDI is not available", ""));
        assertEquals("SR_BACKEND_FAILURE_46", fails(() -> mux.dpDestroy("t", "vbd", false)).code());
        assertEquals(VdiState.ATTACHED_RW, mux.dpStatVdi("t", sr, v.vdi()).superstate(), "deactivated, not detached");
        assertTrue(mux.dpDiagnostics().contains("leaked"), mux.dpDiagnostics());
        mux.vdiAttach("t", "other", sr, v.vdi(), "2", false);
        assertEquals(Map.of("other", VdiState.ATTACHED_RO), mux.dpStatVdi("t", sr, v.vdi()).dps(),
                "the leaked datapath was cleaned up first");
        mem.failNext("VDI.detach", new SmError(46, "The VDI is not available", ""));
        mux.dpDestroy("t", "other", true);
        assertEquals(VdiState.DETACHED, mux.dpStatVdi("t", sr, v.vdi()).superstate());
        mux.vdiDestroy("t", sr, v.vdi());
    }

    @Test
    void departingDriverUnplugsItsSrs() {
        VdiInfo v = newVdi(MIB);
        mux.vdiAttach("t", "vbd", sr, v.vdi(), "1", true);
        mux.vdiActivate("t", "vbd", sr, v.vdi(), "1");
        mux.removeDriver(mem, props("mem", 0, 1L));
        assertTrue(heard.containsAll(List.of("arrived mem", "unplugged " + sr, "departed mem")), heard.toString());
        assertEquals(1, driverCalls("VDI.deactivate"));
        assertEquals(1, driverCalls("VDI.detach"));
        assertEquals(1, driverCalls("SR.detach"));
        assertEquals(List.of(), mux.srList("t"));
        assertEquals("SR_NOT_ATTACHED", fails(() -> mux.vdiStat("t", sr, v.vdi())).code());
        assertEquals("SR_UNKNOWN_DRIVER", fails(() -> mux.srAttach("t", sr, "mem", Map.of("location", "x"))).code());
        mux.addDriver(mem, props("mem", 0, 1L));
        mux.srAttach("t", sr, "mem", Map.of("location", "x"));
        assertEquals(v.vdi(), mux.vdiStat("t", sr, v.vdi()).vdi(), "the SR's contents outlive the unplug");
    }

    @Test
    void theHighestRankedDriverServesAType() {
        MemorySrDriver better = new MemorySrDriver("better", MIB);
        mux.addDriver(better, props("mem", 10, 5L));
        assertEquals("better", mux.query("t", "mem").name());
        assertTrue(heard.contains("unplugged " + sr), "SRs of the replaced driver are unplugged");
        mux.removeDriver(better, props("mem", 10, 5L));
        assertEquals("memory", mux.query("t", "mem").name());
        assertEquals(List.of("arrived mem", "unplugged " + sr, "arrived mem", "arrived mem"), heard);
    }

    @Test
    void aLateListenerHearsOfDriversPresent() {
        List<String> late = new ArrayList<>();
        mux.addListener(new StorageListener() {
            @Override
            public void driverArrived(QueryResult d) {
                late.add(d.driver() + " " + d.features().contains("VDI_SNAPSHOT")
                        + " " + d.configuration().containsKey("location"));
            }
        });
        assertEquals(List.of("mem true true"), late);
    }

    @Test
    void updatesNameWhatChangedOnce() throws Exception {
        Updates first = mux.updatesGet("t", "", 0);
        VdiInfo v = newVdi(MIB);
        mux.vdiSetNameLabel("t", sr, v.vdi(), "a");
        mux.vdiSetNameLabel("t", sr, v.vdi(), "b");
        Updates u = mux.updatesGet("t", first.next(), 0);
        assertEquals(List.of(new DynamicId(DynamicId.Kind.VDI, sr, v.vdi())), u.ids());
        assertEquals(List.of(), mux.updatesGet("t", u.next(), 0).ids());
        Thread waiter = Thread.currentThread();
        Thread t = new Thread(() -> {
            // Change the VDI only once the test thread is blocked in updatesGet.
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
            mux.vdiSetNameLabel("t", sr, v.vdi(), "c");
        });
        long t0 = System.nanoTime();
        t.start();
        Updates later = mux.updatesGet("t", u.next(), 10);
        assertEquals(1, later.ids().size());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "woken by the change, not the timeout");
        t.join();
        assertEquals("INVALID_VALUE", fails(() -> mux.updatesGet("t", "garbage", 0)).code());
    }

    @Test
    void rawImportAndExportRoundTrip() {
        VdiInfo v = newVdi(MIB);
        byte[] image = new byte[(int) MIB];
        new Random(7).nextBytes(image);
        mux.importRaw("t", sr, v.vdi(), new ByteArrayInputStream(image), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> progress = new ArrayList<>();
        mux.exportRaw("t", sr, v.vdi(), out, (done, total) -> progress.add(done));
        assertArrayEquals(image, out.toByteArray());
        assertEquals(MIB, progress.get(progress.size() - 1));
        assertEquals(VdiState.DETACHED, mux.dpStatVdi("t", sr, v.vdi()).superstate(), "transfers let go");
    }

    @Test
    void importIntoAVdiInUseIsRefused() {
        VdiInfo v = newVdi(MIB);
        mux.vdiAttach("t", "vm", sr, v.vdi(), "1", true);
        assertEquals(List.of("VDI_IN_USE", v.vdi(), "import"),
                fails(() -> mux.importRaw("t", sr, v.vdi(), new ByteArrayInputStream(new byte[0]), null))
                        .errorDescription());
    }

    /** The task's final state; up to 10 s, as the polling loop this replaced (500 x 20 ms). */
    private TaskState await(String task) {
        return Awaitility.await("task " + task + " finishes").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> mux.taskStat("t", task).state(), s -> !(s instanceof TaskState.Pending));
    }

    private String secondSr(MemorySrDriver d, String type) {
        mux.addDriver(d, props(type, 0, 9L));
        String s = UUID.randomUUID().toString();
        mux.srCreate("t", type, s, "", "", Map.of("location", "b"), 0);
        mux.srAttach("t", s, type, Map.of("location", "b"));
        return s;
    }

    @Test
    void dataCopyStreamsBetweenDriversSparselyAndKeepsTheContentId() throws Exception {
        MemorySrDriver other = new MemorySrDriver("other", 100 * MIB);
        String dest = secondSr(other, "other");
        VdiInfo v = newVdi(8 * MIB);
        byte[] image = new byte[(int) (8 * MIB)];
        new Random(3).nextBytes(image);
        java.util.Arrays.fill(image, (int) MIB, (int) (7 * MIB), (byte) 0);
        mux.importRaw("t", sr, v.vdi(), new ByteArrayInputStream(image), null);
        String contentId = mux.vdiStat("t", sr, v.vdi()).contentId();
        String task = mux.dataCopy("t", sr, v.vdi(), dest);
        TaskState s = await(task);
        VdiInfo copy = assertInstanceOfCompleted(s).result();
        assertEquals(contentId, copy.contentId());
        assertEquals(v.virtualSize(), copy.virtualSize());
        assertEquals(2 * MIB / MemorySrDriver.BLOCK, other.allocatedBlocks(dest, copy.vdi()), "zeros stay holes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mux.exportRaw("t", dest, copy.vdi(), out, null);
        assertArrayEquals(image, out.toByteArray());
        mux.taskDestroy("t", task);
        assertEquals("HANDLE_INVALID", fails(() -> mux.taskStat("t", task)).code());
    }

    private static TaskState.Completed assertInstanceOfCompleted(TaskState s) {
        assertTrue(s instanceof TaskState.Completed, String.valueOf(s));
        return (TaskState.Completed) s;
    }

    @Test
    void cancelledCopyFailsAndLeavesNothingBehind() throws Exception {
        CountDownLatch importing = new CountDownLatch(1);
        MemorySrDriver stuck = new MemorySrDriver("stuck", 100 * MIB) {
            @Override
            public void vdiImport(org.jxapi.storage.spi.SrContext ctx, String vdi, java.io.InputStream in,
                    org.jxapi.storage.api.ProgressListener progress) {
                importing.countDown();
                try {
                    // Stuck until cancelled: nothing counts this latch down.
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SmError(200, "General IO error [opterr=interrupted]", "");
                }
            }
        };
        String dest = secondSr(stuck, "stuck");
        VdiInfo v = newVdi(MIB);
        String task = mux.dataCopy("t", sr, v.vdi(), dest);
        assertTrue(importing.await(10, TimeUnit.SECONDS), "the copy reached the destination's import");
        mux.taskCancel("t", task);
        TaskState s = await(task);
        assertEquals(List.of("TASK_CANCELLED", task), ((TaskState.Failed) s).errorDescription());
        assertEquals(List.of(), mux.srScan("t", dest), "the half-made copy is gone");
        assertEquals(VdiState.DETACHED, mux.dpStatVdi("t", sr, v.vdi()).superstate());
    }

    @Test
    void configurationComesFromConfigAdmin() {
        StorageMuxConfig c = org.osgi.util.converter.Converters.standardConverter()
                .convert(Map.of("task.threads", 1, "updates.max.wait.seconds", 0)).to(StorageMuxConfig.class);
        StorageMux configured = new StorageMux(c);
        try {
            long t0 = System.nanoTime();
            configured.updatesGet("t", "5", 30);
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "the wait is capped by updates.max.wait.seconds");
        } finally {
            configured.close();
        }
    }
}
