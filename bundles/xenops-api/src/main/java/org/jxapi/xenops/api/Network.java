package org.jxapi.xenops.api;

import java.util.Objects;

/** What a VIF connects to: a local switch, a switch in another VM (driver domain), or an SR-IOV function. */
public record Network(Kind kind, String vm, String name, PciAddress sriov) {
    public enum Kind { LOCAL, REMOTE, SRIOV }

    public Network {
        Objects.requireNonNull(kind, "kind");
    }

    public static Network local(String bridge) {
        return new Network(Kind.LOCAL, null, bridge, null);
    }

    public static Network remote(String vm, String bridge) {
        return new Network(Kind.REMOTE, vm, bridge, null);
    }

    public static Network sriov(PciAddress address) {
        return new Network(Kind.SRIOV, null, null, address);
    }
}
