package org.jxapi.xenops.api;

import java.util.List;

/** Port locking of a VIF: all traffic, no traffic, or only the listed addresses. */
public record LockingMode(Kind kind, List<String> ipv4, List<String> ipv6) {
    public enum Kind { UNLOCKED, DISABLED, LOCKED }

    public LockingMode {
        ipv4 = Copies.list(ipv4);
        ipv6 = Copies.list(ipv6);
    }

    public static LockingMode unlocked() {
        return new LockingMode(Kind.UNLOCKED, List.of(), List.of());
    }
}
