package org.jxapi.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;


import org.jxapi.db.Database;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.db.impl.DatabaseImpl;
import org.jxapi.db.impl.DbOptions;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.jxapi.xenapi.wire.JsonWire;
import org.jxapi.xenapi.wire.RawCall;

/**
 * The database benchmark of issue 3: durable single-field writes per second at 1, 8 and 64
 * writers; VM.get_all_records at 1k and 10k VMs (reading the snapshot, and reading plus encoding
 * the JSON-RPC result); heap per 1k VMs with 3 VBDs and 2 VIFs each.
 */
public final class DbBench {
    private DbBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        Path base = Files.createTempDirectory("jxapi-dbbench");
        System.out.println("machine: " + BenchSupport.machine() + "; data under " + base);
        try {
            for (int writers : new int[] {1, 8, 64}) {
                writes(base.resolve("w" + writers), writers, seconds);
            }
            getAllRecords(base.resolve("read"));
            heap();
        } finally {
            try (Stream<Path> s = Files.walk(base)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void writes(Path dir, int writers, double seconds) throws Exception {
        try (DatabaseImpl db = DatabaseImpl.open(DbOptions.durable(dir))) {
            List<Ref<Object>> vms = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                vms.add(db.write(tx -> tx.create("VM", Map.of("name_label", "vm" + n))));
            }
            LongAdder done = new LongAdder();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            CountDownLatch finished = new CountDownLatch(writers);
            for (int i = 0; i < writers; i++) {
                Ref<Object> vm = vms.get(i);
                Thread t = new Thread(() -> {
                    long n = 0;
                    while (!stop.get()) {
                        long v = n++;
                        db.write(tx -> {
                            tx.set("VM", vm, "name_description", "write " + v);
                            return null;
                        });
                        if (measuring.get()) {
                            done.increment();
                        }
                    }
                    finished.countDown();
                });
                t.start();
            }
            Thread.sleep(1000);
            long fsyncs0 = db.stats().fsyncs();
            measuring.set(true);
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            measuring.set(false);
            long elapsed = System.nanoTime() - t0;
            long fsyncs = db.stats().fsyncs() - fsyncs0;
            stop.set(true);
            finished.await();
            double rate = done.sum() / (elapsed / 1e9);
            System.out.printf("durable single-field writes, %2d writers: %,.0f writes/s (%.1f writes per fsync)%n",
                    writers, rate, done.sum() / (double) Math.max(1, fsyncs));
        }
    }

    private static Map<String, Object> vmFields(int i) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name_label", "vm-" + i);
        f.put("name_description", "benchmark VM number " + i);
        f.put("memory_static_max", 1L << 30);
        f.put("memory_dynamic_max", 1L << 30);
        f.put("memory_dynamic_min", 512L << 20);
        f.put("memory_static_min", 256L << 20);
        f.put("VCPUs_max", 4L);
        f.put("VCPUs_at_startup", 2L);
        f.put("power_state", i % 2 == 0 ? VmPowerState.RUNNING : VmPowerState.HALTED);
        f.put("other_config", Map.of("install-methods", "cdrom", "mac_seed", "a1b2c3d4-" + i));
        f.put("platform", Map.of("viridian", "true", "acpi", "1", "apic", "true", "pae", "true", "nx", "true"));
        f.put("HVM_boot_params", Map.of("order", "cdn"));
        f.put("PV_args", "console=ttyS0");
        f.put("snapshot_time", Instant.now());
        f.put("tags", List.of("bench", "tier-" + (i % 3)));
        return f;
    }

    /** Creates n VMs with 3 VBDs and 2 VIFs each, 100 VMs per transaction. */
    private static void populate(Database db, int n) {
        for (int start = 0; start < n; start += 100) {
            int s = start;
            db.write(tx -> {
                for (int i = s; i < Math.min(n, s + 100); i++) {
                    Ref<Object> vm = tx.create("VM", vmFields(i));
                    for (int d = 0; d < 3; d++) {
                        tx.create("VBD", Map.of("VM", vm, "userdevice", Integer.toString(d), "device", "xvd" + (char) ('a' + d),
                                "bootable", d == 0, "other_config", Map.of("owner", "true")));
                    }
                    for (int v = 0; v < 2; v++) {
                        tx.create("VIF", Map.of("VM", vm, "device", Integer.toString(v),
                                "MAC", String.format("02:00:%02x:%02x:%02x:%02x", (i >> 16) & 255, (i >> 8) & 255, i & 255, v),
                                "MTU", 1500L, "other_config", Map.of()));
                    }
                }
                return null;
            });
        }
    }

    private static void getAllRecords(Path dir) throws Exception {
        for (int n : new int[] {1000, 10_000}) {
            try (DatabaseImpl db = DatabaseImpl.open(DbOptions.durable(dir.resolve("n" + n)))) {
                populate(db, n);
                long[] readNs = new long[30];
                long[] encodeNs = new long[30];
                int bytes = 0;
                for (int r = -10; r < 30; r++) {
                    long t0 = System.nanoTime();
                    Snapshot s = db.snapshot();
                    Map<Ref<?>, Row> result = new LinkedHashMap<>();
                    for (Row row : s.table("VM")) {
                        result.put(row.ref(), row);
                    }
                    long t1 = System.nanoTime();
                    bytes = encode(result);
                    long t2 = System.nanoTime();
                    if (r >= 0) {
                        readNs[r] = t1 - t0;
                        encodeNs[r] = t2 - t0;
                    }
                }
                System.out.printf("VM.get_all_records, %,6d VMs: snapshot read %.2f ms, read + JSON-RPC encoding %.2f ms"
                        + " (p50 of 30; %,d bytes)%n", n, BenchSupport.percentile(BenchSupport.sorted(readNs), 50),
                        BenchSupport.percentile(BenchSupport.sorted(encodeNs), 50), bytes);
            }
        }
    }

    private static int encode(Map<Ref<?>, Row> result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        // The transport's own envelope writer (JsonWire exposes no Jackson generator).
        JsonWire.writeSuccess(out, new RawCall("VM.get_all_records", List.of(), 1L, "2.0"), result,
                XenApiType.map(XenApiType.ref("VM"), XenApiType.record("VM")));
        return out.size();
    }

    private static void heap() throws Exception {
        long before = BenchSupport.usedHeap();
        DatabaseImpl db = DatabaseImpl.open(DbOptions.inMemory());
        populate(db, 10_000);
        long after = BenchSupport.usedHeap();
        System.out.printf("heap: %.1f MB per 1k VMs with 3 VBDs and 2 VIFs each (10k VMs: %.1f MB, %,d objects)%n",
                (after - before) / 10.0 / 1e6, (after - before) / 1e6, db.stats().rows());
        db.close();
    }
}
