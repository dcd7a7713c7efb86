package org.jxapi.sm.file.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.mux.impl.StorageMux;

/**
 * Prints the p50 (and p90) latency of VDI create, snapshot and clone on the file SR, through the
 * storage multiplexer, with 10 GiB virtual disks. Run it with
 * {@code mvn -f sm-bundles/sm-file/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.jxapi.sm.file.impl.FileSrBenchmark [-Dexec.args=<rounds>]}.
 */
public final class FileSrBenchmark {
    private static final long SIZE = 10L << 30;

    private FileSrBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path dir = Files.createTempDirectory("jxapi-file-sr-bench");
        StorageMux mux = new StorageMux();
        try {
            mux.addDriver(QemuTools.driver(1L << 44), Map.of("sr.type", "file"));
            String sr = UUID.randomUUID().toString();
            Path location = dir.resolve("sr");
            mux.srCreate("bench", "file", sr, "bench", "", Map.of("location", location.toString()), 0);
            mux.srAttach("bench", sr, "file", Map.of("location", location.toString()));
            List<Long> create = new ArrayList<>();
            List<Long> snapshot = new ArrayList<>();
            List<Long> clone = new ArrayList<>();
            for (int i = 0; i < rounds + 3; i++) {
                long t0 = System.nanoTime();
                VdiInfo v = mux.vdiCreate("bench", sr, VdiInfo.builder().nameLabel("b" + i).virtualSize(SIZE).build());
                long t1 = System.nanoTime();
                VdiInfo s = mux.vdiSnapshot("bench", sr, v);
                long t2 = System.nanoTime();
                mux.vdiClone("bench", sr, s);
                long t3 = System.nanoTime();
                if (i >= 3) {
                    create.add(t1 - t0);
                    snapshot.add(t2 - t1);
                    clone.add(t3 - t2);
                }
            }
            System.out.printf("file SR, %d rounds, %d GiB virtual disks, through the storage multiplexer%n",
                    rounds, SIZE >> 30);
            print("VDI.create", create);
            print("VDI.snapshot", snapshot);
            print("VDI.clone (of the snapshot)", clone);
        } finally {
            mux.close();
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("  %-28s p50 %6.1f ms   p90 %6.1f ms%n", what, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(sorted.size() * 9 / 10) / 1e6);
    }
}
