package org.jxapi.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Small helpers shared by the harnesses: percentiles, heap measurement, machine description. */
final class BenchSupport {
    private BenchSupport() {
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sortedNanos.length - 1, Math.round(p / 100.0 * (sortedNanos.length - 1)));
        return sortedNanos[i] / 1e6;
    }

    static long[] sorted(long[] values) {
        long[] c = values.clone();
        Arrays.sort(c);
        return c;
    }

    /** Heap in use after a full collection, in bytes. */
    static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ", Java " + System.getProperty("java.version");
    }
}
