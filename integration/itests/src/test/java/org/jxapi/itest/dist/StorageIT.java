package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VM;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Storage through the XenAPI with the unmodified Java SDK and plain HTTP, on a file SR of the
 * assembled distribution: raw and qcow2 upload and download, snapshots and clones made without
 * copying, coalescing, and refused input that leaves nothing behind.
 */
class StorageIT {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static RunningDistribution dist;
    private static Path base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        dist = RunningDistribution.get();
        base = Files.createDirectories(dist.home.resolve("it-srs"));
    }

    private String url(Connection c, String path, VDI vdi, Task task, String format) throws Exception {
        return dist.url() + path + "?session_id=" + c.getSessionReference() + "&vdi=" + vdi.toWireString()
                + (task == null ? "" : "&task_id=" + task.toWireString()) + "&format=" + format;
    }

    private int upload(Connection c, VDI vdi, Task task, String format, HttpRequest.BodyPublisher body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(c, "/import_raw_vdi", vdi, task, format))).PUT(body)
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<byte[]> download(Connection c, VDI vdi, String format) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(c, "/export_raw_vdi", vdi, null, format))).GET()
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    /** A body that arrives slowly enough for progress to be seen on the task. */
    private static HttpRequest.BodyPublisher trickle(byte[] data) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= data.length) {
                    return -1;
                }
                if (pos % (4 * MIB) == 0) {
                    try {
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                int n = (int) Math.min(len, Math.min(data.length - pos, 4 * MIB - pos % (4 * MIB)));
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        });
    }

    @Test
    void uploadSnapshotCloneDownloadAndCoalesce() throws Exception {
        Connection c = XapiSdk.connect(dist);
        SR sr = XapiSdk.fileSr(c, base, "file SR");
        Path dir = Path.of(XapiSdk.location(c, sr));
        VDI disk = XapiSdk.vdi(c, sr, "disk", 64 * MIB);
        byte[] image = new byte[(int) (64 * MIB)];
        new Random(64).nextBytes(image);

        Task task = Task.create(c, "upload", "");
        ConcurrentLinkedQueue<Double> progress = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            try {
                Connection w = XapiSdk.connect(dist);
                String token = "";
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (System.nanoTime() < deadline) {
                    EventBatch b = Event.from(w, Set.of("task/" + task.toWireString()), token, 5.0);
                    token = b.token;
                    Task.Record r = task.getRecord(w);
                    progress.add(r.progress);
                    if (r.status != Types.TaskStatusType.PENDING) {
                        return;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(200, upload(c, disk, task, "raw", trickle(image)));
        watcher.get(120, TimeUnit.SECONDS);
        Task.Record done = task.getRecord(c);
        assertEquals(Types.TaskStatusType.SUCCESS, done.status, String.valueOf(done.errorInfo));
        assertTrue(done.result.contains(disk.toWireString()), done.result);
        assertEquals(1.0, done.progress);
        assertTrue(progress.stream().anyMatch(p -> p > 0 && p < 1), "progress seen on the task: " + progress);
        task.destroy(c);

        VDI snap = disk.snapshot(c, new HashMap<>());
        assertTrue(snap.getIsASnapshot(c));
        assertEquals(disk, snap.getSnapshotOf(c));
        assertTrue(disk.getSnapshots(c).contains(snap));
        VDI clone = snap.createClone(c, new HashMap<>());
        assertFalse(clone.getIsASnapshot(c));

        HttpResponse<byte[]> raw = download(c, clone, "raw");
        assertEquals(200, raw.statusCode());
        assertArrayEquals(image, raw.body(), "the clone of the snapshot holds the uploaded image");

        HttpResponse<byte[]> qcow = download(c, clone, "qcow2");
        assertEquals(200, qcow.statusCode());
        assertEquals("application/x-qemu-disk", qcow.headers().firstValue("content-type").orElse(""));
        Path qcowFile = Files.createTempFile(base, "export-", ".qcow2");
        Files.write(qcowFile, qcow.body());
        run("qemu-img", "check", "-f", "qcow2", qcowFile.toString());
        VDI back = XapiSdk.vdi(c, sr, "from qcow2", 64 * MIB);
        assertEquals(200, upload(c, back, null, "qcow2", HttpRequest.BodyPublishers.ofFile(qcowFile)));
        assertArrayEquals(image, download(c, back, "raw").body(), "qcow2 round trip");
        Files.delete(qcowFile);
        back.destroy(c);

        Path diskFile = dir.resolve(disk.getLocation(c) + ".qcow2");
        assertTrue(run("qemu-img", "info", "--backing-chain", diskFile.toString()).contains("backing file"),
                "the disk sits on the snapshot's image");
        snap.destroy(c);
        clone.destroy(c);
        String chain = run("qemu-img", "info", "--backing-chain", diskFile.toString());
        assertFalse(chain.contains("backing file"), "the chain was coalesced: " + chain);
        run("qemu-img", "check", diskFile.toString());
        assertArrayEquals(image, download(c, disk, "raw").body());
        assertEquals(Set.of("sr.json", disk.getLocation(c) + ".qcow2", disk.getLocation(c) + ".json"), files(dir));
        disk.destroy(c);
        unplugAndDestroy(c, sr);
    }

    @Test
    void snapshotAndCloneOfATenGibibyteDiskTakeUnderASecondEach() throws Exception {
        Connection c = XapiSdk.connect(dist);
        SR sr = XapiSdk.fileSr(c, base, "big disks");
        VDI big = XapiSdk.vdi(c, sr, "big", 10 * GIB);
        long t0 = System.nanoTime();
        VDI snap = big.snapshot(c, new HashMap<>());
        long t1 = System.nanoTime();
        VDI clone = snap.createClone(c, new HashMap<>());
        long t2 = System.nanoTime();
        System.out.printf("[storage] 10 GiB VDI: snapshot %.1f ms, clone %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        assertTrue(t1 - t0 < 1_000_000_000L, "snapshot took " + (t1 - t0) / 1e6 + " ms");
        assertTrue(t2 - t1 < 1_000_000_000L, "clone took " + (t2 - t1) / 1e6 + " ms");
        assertEquals(10 * GIB, clone.getVirtualSize(c));
        clone.destroy(c);
        snap.destroy(c);
        big.destroy(c);
        unplugAndDestroy(c, sr);
    }

    private static String code(Types.XenAPIException e) {
        return e.errorDescription == null || e.errorDescription.length == 0 ? e.shortDescription : e.errorDescription[0];
    }

    @Test
    void badInputGetsTheOriginalsErrorsAndLeavesNothingBehind() throws Exception {
        Connection c = XapiSdk.connect(dist);
        SR sr = XapiSdk.fileSr(c, base, "refusals");
        Path dir = Path.of(XapiSdk.location(c, sr));
        Set<String> filesBefore = files(dir);
        int vdisBefore = VDI.getAll(c).size();
        int srsBefore = SR.getAll(c).size();

        Types.XenAPIException negative = assertThrows(Types.XenAPIException.class, () -> XapiSdk.vdi(c, sr, "neg", -1));
        assertEquals("SR_BACKEND_FAILURE_79", code(negative));
        Types.XenAPIException huge = assertThrows(Types.XenAPIException.class,
                () -> XapiSdk.vdi(c, sr, "huge", 1L << 50));
        assertEquals("SR_BACKEND_FAILURE_79", code(huge));
        assertEquals(vdisBefore, VDI.getAll(c).size());
        assertEquals(filesBefore, files(dir));

        Host host = XapiSdk.thisHost(c);
        Types.SrUnknownDriver unknown = assertThrows(Types.SrUnknownDriver.class, () -> SR.create(c, host,
                new HashMap<>(Map.of("location", base.resolve("never").toString())), 0L, "x", "", "no-such-type",
                "user", false, new HashMap<>()));
        assertEquals("no-such-type", unknown.driver);
        Types.XenAPIException missing = assertThrows(Types.XenAPIException.class,
                () -> SR.create(c, host, new HashMap<>(), 0L, "x", "", "file", "user", false, new HashMap<>()));
        assertEquals("SR_BACKEND_FAILURE_94", code(missing));
        assertEquals(srsBefore, SR.getAll(c).size());
        assertFalse(Files.exists(base.resolve("never")));

        VDI used = XapiSdk.vdi(c, sr, "used", 16 * MIB);
        VM vm = XapiSdk.vm(c, "disk user");
        XapiSdk.vbd(c, vm, used, "0");
        vm.start(c, false, false);
        Types.VdiInUse inUse = assertThrows(Types.VdiInUse.class, () -> used.destroy(c));
        assertEquals(used.toWireString(), inUse.vdi);
        assertEquals("destroy", inUse.operation);
        assertTrue(VDI.getAll(c).contains(used));
        vm.hardShutdown(c);
        used.destroy(c);
        vm.destroy(c);
        assertEquals(filesBefore, files(dir));
        unplugAndDestroy(c, sr);
    }

    static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new java.util.TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    static void unplugAndDestroy(Connection c, SR sr) throws Exception {
        List<com.xensource.xenapi.PBD> pbds = new ArrayList<>(sr.getPBDs(c));
        for (com.xensource.xenapi.PBD p : pbds) {
            p.unplug(c);
        }
        sr.destroy(c);
    }
}
