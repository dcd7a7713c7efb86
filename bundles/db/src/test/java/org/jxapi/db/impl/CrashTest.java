package org.jxapi.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.Ref;

/**
 * Durability under kill -9: a separate JVM writes from 8 threads; after at least 10,000
 * acknowledged writes it is killed (SIGKILL) at a random moment; the database is opened again and
 * every acknowledged write must be there, with no paired reference out of step. 20 rounds on the
 * same directory, so recovery also meets compacted state files and several journal segments.
 */
class CrashTest {
    // Overridable for a longer hunt (-Dcrash.rounds=200 -Dcrash.acks=3000 -Dcrash.compactBytes=65536).
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 20);
    private static final int ACKS_BEFORE_KILL = Integer.getInteger("crash.acks", 10_000);
    private static final long COMPACT_BYTES = Long.getLong("crash.compactBytes", 256 << 10);

    @TempDir
    Path dir;
    @TempDir
    Path linesDir;

    private final Map<String, String> vmNames = new HashMap<>();
    private final Map<String, Integer> vmMinDescription = new HashMap<>();
    private final Map<String, String> vbdVm = new HashMap<>();
    private final Set<String> vbdDeleted = new HashSet<>();
    private final Set<String> vbdMaybeDeleted = new HashSet<>();
    private final Map<String, String> vbdGeneration = new HashMap<>();

    @Test
    void everyAcknowledgedWriteSurvivesKillMinus9() throws Exception {
        Random rnd = new Random(7);
        long verified = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            List<String> acks = runAndKill("r" + round, rnd);
            long t1 = System.nanoTime();
            assertTrue(acks.size() >= ACKS_BEFORE_KILL, "round " + round + " acknowledged only " + acks.size());
            record(acks);
            verified += acks.size();
            java.nio.file.Files.write(linesDir.resolve("round-" + round + ".txt"), acks);
            try {
                verify(round);
            } catch (AssertionError | Exception e) {
                keepForAnalysis(round);
                throw e;
            }
            System.out.printf("round %d: %d acks, writer ran %d ms, recovery and check %d ms%n", round, acks.size(),
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        }
        System.out.println("CrashTest: " + ROUNDS + " kill -9 rounds, " + verified
                + " acknowledged writes verified, " + vmNames.size() + " VMs and " + vbdVm.size() + " VBDs known");
    }

    private List<String> runAndKill(String tag, Random rnd) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashWriter.class.getName(), dir.toString(), "8",
                Long.toString(COMPACT_BYTES), tag);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<Exception> readerFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // The writer's death ends the pipe with an end of file, not an error: an error here
                // means lines were lost, and a lost TRY line would look like a lost write.
                readerFailure.set(e);
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                    .until(() -> lines.size() >= ACKS_BEFORE_KILL + 1 || !p.isAlive());
            assertTrue(p.isAlive(), "the writer died before it was killed");
            // A random moment after the threshold: mid-fsync, mid-compaction, mid-anything. Part of the
            // workload (when to kill), not a wait for something, so a plain sleep.
            Thread.sleep(rnd.nextInt(400));
        } finally {
            // SIGKILL through the process handle: Process.destroyForcibly() would also close our end
            // of the writer's stdout and throw away the lines still in the pipe, among them the TRY
            // of a delete that did reach the disk (which then looked like a lost VBD).
            p.toHandle().destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(30_000);
        assertTrue(!reader.isAlive() && readerFailure.get() == null,
                "the writer's output was not read to its end: " + readerFailure.get());
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    private void record(List<String> lines) {
        for (String line : lines) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "VM" -> {
                    if (w.length == 3) {
                        vmNames.put(w[1], w[2]);
                    }
                }
                case "SET" -> {
                    if (w.length == 3) {
                        vmMinDescription.merge(w[1], Integer.parseInt(w[2]), Math::max);
                    }
                }
                case "VBD" -> {
                    if (w.length == 4) {
                        vbdVm.put(w[1], w[2]);
                        vbdGeneration.put(w[1], w[3]);
                    }
                }
                case "TRY" -> {
                    if (w.length == 2) {
                        vbdMaybeDeleted.add(w[1]);
                    }
                }
                case "DEL" -> {
                    if (w.length == 2) {
                        vbdDeleted.add(w[1]);
                    }
                }
                default -> { }
            }
        }
    }

    private void verify(int round) throws Exception {
        DatabaseImpl db = DatabaseImpl.open(DbOptions.durable(dir));
        try {
            Snapshot s = db.snapshot();
            for (Map.Entry<String, String> e : vmNames.entrySet()) {
                Row vm = s.row("VM", Ref.of(e.getKey()));
                assertNotNull(vm, "round " + round + ": acknowledged VM lost: " + e);
                assertEquals(e.getValue(), vm.get("name_label"));
            }
            for (Map.Entry<String, Integer> e : vmMinDescription.entrySet()) {
                Row vm = s.require("VM", Ref.of(e.getKey()));
                int stored = Integer.parseInt(((String) vm.get("name_description")).substring(1));
                assertTrue(stored >= e.getValue(), "round " + round + ": acknowledged update lost on " + e.getKey());
                String seq = (String) ((Map<?, ?>) vm.get("other_config")).get("seq");
                assertTrue(Integer.parseInt(seq.substring(1)) >= e.getValue(), "map update lost on " + e.getKey());
            }
            for (Map.Entry<String, String> e : vbdVm.entrySet()) {
                Row vbd = s.row("VBD", Ref.of(e.getKey()));
                if (vbdDeleted.contains(e.getKey())) {
                    assertNull(vbd, "round " + round + ": acknowledged delete undone: " + e.getKey());
                } else if (!vbdMaybeDeleted.contains(e.getKey())) {
                    if (vbd == null) {
                        fail("round " + round + ": acknowledged VBD lost: " + e.getKey() + " (created at generation "
                                + vbdGeneration.get(e.getKey()) + "; recovered to " + s.generation() + "); "
                                + whereOnDisk(e.getKey()));
                    }
                    assertEquals(Ref.of(e.getValue()), vbd.get("VM"));
                }
            }
            // Nothing dangles: every VBD's VM lists it, and every listed VBD points back.
            for (Row vbd : s.table("VBD")) {
                Row vm = s.row("VM", (Ref<?>) vbd.get("VM"));
                assertNotNull(vm, "VBD " + vbd.ref() + " points at a missing VM");
                assertTrue(((Set<?>) vm.get("VBDs")).contains(vbd.ref()), "VM.VBDs misses " + vbd.ref());
            }
            for (Row vm : s.table("VM")) {
                for (Object r : (Set<?>) vm.get("VBDs")) {
                    Row vbd = s.row("VBD", (Ref<?>) r);
                    assertNotNull(vbd, "VM.VBDs lists a missing VBD " + r);
                    assertEquals(vm.ref(), vbd.get("VM"));
                }
            }
        } finally {
            db.close();
        }
        File[] files = dir.toFile().listFiles();
        assertNotNull(files);
    }

    /** Copies the database directory and every round's output lines under target/ for a post-mortem. */
    private void keepForAnalysis(int round) throws java.io.IOException {
        Path keep = Path.of("target", "crash-failure-" + System.currentTimeMillis());
        java.nio.file.Files.createDirectories(keep.resolve("db"));
        java.nio.file.Files.createDirectories(keep.resolve("lines"));
        for (File f : dir.toFile().listFiles()) {
            java.nio.file.Files.copy(f.toPath(), keep.resolve("db").resolve(f.getName()));
        }
        for (File f : linesDir.toFile().listFiles()) {
            java.nio.file.Files.copy(f.toPath(), keep.resolve("lines").resolve(f.getName()));
        }
        System.out.println("round " + round + " failed; database and writer output kept in " + keep.toAbsolutePath());
    }

    /**
     * For a failure message: which files of the database directory hold a handle (journals hold
     * it in their records, state files in a row), so that a loss can be placed in the journal,
     * the state file or recovery.
     */
    private String whereOnDisk(String handle) {
        StringBuilder out = new StringBuilder("files holding it: [");
        byte[] needle = handle.getBytes(StandardCharsets.UTF_8);
        File[] files = dir.toFile().listFiles();
        java.util.Arrays.sort(files);
        StringBuilder all = new StringBuilder();
        for (File f : files) {
            all.append(' ').append(f.getName()).append('(').append(f.length()).append(')');
            try {
                byte[] b = java.nio.file.Files.readAllBytes(f.toPath());
                for (int i = 0; i + needle.length <= b.length; i++) {
                    if (java.util.Arrays.equals(b, i, i + needle.length, needle, 0, needle.length)) {
                        out.append(' ').append(f.getName()).append('@').append(i);
                        break;
                    }
                }
            } catch (java.io.IOException ex) {
                out.append(' ').append(f.getName()).append(":unreadable");
            }
        }
        return out.append(" ]; directory:").append(all).toString();
    }
}
