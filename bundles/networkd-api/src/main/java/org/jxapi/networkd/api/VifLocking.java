package org.jxapi.networkd.api;

import java.util.List;

/**
 * What a guest port may send, as the original's {@code setup-vif-rules} applies it: {@code UNLOCKED}
 * lets everything through; {@code LOCKED} only the VIF's MAC with the listed IPv4 and IPv6 source
 * addresses (and ARP/ND for them); {@code DISABLED} drops everything. XAPI resolves
 * {@code network_default} before it gets here.
 */
public record VifLocking(Mode mode, List<String> ipv4Allowed, List<String> ipv6Allowed) {
    public enum Mode {
        UNLOCKED, LOCKED, DISABLED
    }

    public static final VifLocking UNLOCKED = new VifLocking(Mode.UNLOCKED, List.of(), List.of());

    public VifLocking {
        mode = mode == null ? Mode.UNLOCKED : mode;
        ipv4Allowed = ipv4Allowed == null ? List.of() : List.copyOf(ipv4Allowed);
        ipv6Allowed = ipv6Allowed == null ? List.of() : List.copyOf(ipv6Allowed);
    }
}
