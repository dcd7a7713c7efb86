package org.jxapi.db.impl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The victim of {@link CrashTest}: a separate JVM that writes from several threads and prints a
 * line for every write once {@code write} has returned (acknowledged), and a TRY line before a
 * delete, whose outcome is unknown if the process dies before the acknowledgement.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long compactBytes = Long.parseLong(args[2]);
        String tag = args[3];
        DatabaseImpl db = DatabaseImpl.open(new DbOptions(dir, true, compactBytes, 1 << 16));
        PrintStream out = new PrintStream(System.out, true);
        out.println("READY");
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> work(db, out, tag + "-" + id, new Random(id * 31L + tag.hashCode())));
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
    }

    private static void work(DatabaseImpl db, PrintStream out, String who, Random rnd) {
        WriteMix mix = new WriteMix(db, who, rnd, out::println);
        for (int i = 0; ; i++) {
            mix.step(i);
        }
    }
}
