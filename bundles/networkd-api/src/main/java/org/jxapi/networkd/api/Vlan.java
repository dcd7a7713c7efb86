package org.jxapi.networkd.api;

import java.util.Objects;

/** A bridge's VLAN: the parent bridge and the 802.1Q tag (0-4094), the original's {@code (bridge * int)}. */
public record Vlan(String parent, int tag) {
    public Vlan {
        Objects.requireNonNull(parent, "parent");
    }
}
