package org.jxapi.api.impl.session;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per source address: after failed logins from a source, its next
 * attempts wait, doubling from 250 ms up to 5 s. The count decays after a quiet minute, and a
 * successful login clears it.
 */
final class LoginThrottle {
    private static final long FORGET_AFTER_MS = 60_000;
    private static final long MAX_DELAY_MS = 5_000;

    private record Failures(int count, long last) { }

    private final ConcurrentHashMap<String, Failures> bySource = new ConcurrentHashMap<>();

    long delayMillis(String source, long now) {
        Failures f = bySource.get(source);
        if (f == null || now - f.last > FORGET_AFTER_MS) {
            return 0;
        }
        return Math.min(MAX_DELAY_MS, 250L << Math.min(10, f.count - 1));
    }

    void failed(String source, long now) {
        bySource.merge(source, new Failures(1, now), (a, b) ->
                now - a.last > FORGET_AFTER_MS ? b : new Failures(a.count + 1, now));
        if (bySource.size() > 10_000) {
            bySource.entrySet().removeIf(e -> now - e.getValue().last > FORGET_AFTER_MS);
        }
    }

    void succeeded(String source) {
        bySource.remove(source);
    }
}
