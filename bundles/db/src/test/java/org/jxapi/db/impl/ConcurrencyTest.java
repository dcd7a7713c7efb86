package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.Ref;

class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void aLongReadOfTenThousandRowsDoesNotStallWriters() throws Exception {
        try (DatabaseImpl db = DatabaseImpl.open(DbOptions.durable(dir))) {
            for (int s = 0; s < 10_000; s += 500) {
                int start = s;
                db.write(tx -> {
                    for (int i = start; i < start + 500; i++) {
                        tx.create("VM", Map.of("name_label", "vm" + i));
                    }
                    return null;
                });
            }
            Snapshot snap = db.snapshot();
            AtomicLong writesDuringScan = new AtomicLong();
            AtomicBoolean scanning = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                while (scanning.get()) {
                    db.write(tx -> tx.create("VM", Map.of("name_label", "new")));
                    writesDuringScan.incrementAndGet();
                }
            });
            writer.start();
            // A deliberately slow reader, as a client encoding a huge get_all_records would be.
            int seen = 0;
            for (Row r : snap.table("VM")) {
                assertTrue(r.modified() <= snap.generation());
                if (++seen % 500 == 0) {
                    // The slowness is the workload, not a wait for something.
                    Thread.sleep(10);
                }
            }
            scanning.set(false);
            writer.join();
            assertEquals(10_000, seen, "the snapshot changed under the reader");
            assertTrue(writesDuringScan.get() >= 10, "writers stalled during the scan: " + writesDuringScan.get());
            assertEquals(10_000 + writesDuringScan.get(), db.snapshot().table("VM").size());
        }
    }

    @Test
    void readersAlwaysSeePairedFieldsInStepWhileManyWritersRun() throws Exception {
        try (DatabaseImpl db = DatabaseImpl.open(new DbOptions(dir, false, Long.MAX_VALUE, 1 << 16))) {
            List<Ref<Object>> vms = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                vms.add(db.write(tx -> tx.create("VM", Map.of())));
            }
            AtomicBoolean run = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                Random rnd = new Random(w);
                threads.add(new Thread(() -> {
                    List<Ref<Object>> mine = new ArrayList<>();
                    while (run.get()) {
                        if (mine.isEmpty() || rnd.nextBoolean()) {
                            Ref<Object> vm = vms.get(rnd.nextInt(vms.size()));
                            mine.add(db.write(tx -> tx.create("VBD", Map.of("VM", vm))));
                        } else if (rnd.nextBoolean()) {
                            Ref<Object> vbd = mine.get(rnd.nextInt(mine.size()));
                            Ref<Object> vm = vms.get(rnd.nextInt(vms.size()));
                            db.write(tx -> {
                                tx.set("VBD", vbd, "VM", vm);
                                return null;
                            });
                        } else {
                            Ref<Object> vbd = mine.remove(rnd.nextInt(mine.size()));
                            db.write(tx -> {
                                tx.destroy("VBD", vbd);
                                return null;
                            });
                        }
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                threads.add(new Thread(() -> {
                    while (run.get()) {
                        Snapshot s = db.snapshot();
                        int members = 0;
                        for (Row vm : s.table("VM")) {
                            for (Object ref : (Set<?>) vm.get("VBDs")) {
                                Row vbd = s.row("VBD", (Ref<?>) ref);
                                members++;
                                if (vbd == null || !vbd.get("VM").equals(vm.ref())) {
                                    problems.add("VM " + vm.ref() + " lists " + ref + " which does not point back");
                                }
                            }
                        }
                        if (members != s.table("VBD").size()) {
                            problems.add("snapshot " + s.generation() + ": " + members + " listed, "
                                    + s.table("VBD").size() + " exist");
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            // How long the mixed workload runs: a duration, not a wait for something.
            Thread.sleep(2000);
            run.set(false);
            for (Thread t : threads) {
                t.join();
            }
            assertTrue(problems.isEmpty(), problems.stream().limit(5).toList().toString());
            assertNotNull(db.snapshot());
            assertTrue(db.stats().transactions() > 100);
        }
    }
}
