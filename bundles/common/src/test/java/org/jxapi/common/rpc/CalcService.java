package org.jxapi.common.rpc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The tests' implementation. */
final class CalcService implements Calc {
    /** Held by {@link #slow} until released, so that calls overlap for as long as the test wants. */
    final CountDownLatch release = new CountDownLatch(1);
    /** How many {@link #slow} calls are running now. */
    final AtomicInteger running = new AtomicInteger();

    @Override
    public long add(long a, long b) {
        return a + b;
    }

    @Override
    public String greet(String name) {
        return "hello " + name;
    }

    @Override
    public Point norm(Point p) {
        return new Point(Math.abs(p.x()), Math.abs(p.y()));
    }

    @Override
    public long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String maybe(String x) {
        return x == null ? "none" : "some " + x;
    }

    @Override
    public void fail(String code) {
        throw new CalcException(code, "thrown");
    }

    @Override
    public void boom() {
        throw new IllegalStateException("boom");
    }

    @Override
    public List<String> slow(String id, long ms) {
        running.incrementAndGet();
        try {
            release.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
        return List.of(id, Thread.currentThread().getName());
    }

    @Override
    public String notACall() {
        return "local";
    }
}
