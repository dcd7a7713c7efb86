package org.jxapi.xenops.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A virtual network interface of a VM. */
public record Vif(DeviceId id, int position, String mac, boolean carrier, int mtu, Rate rate, Network backend,
        Map<String, String> otherConfig, LockingMode lockingMode, Map<String, String> extraPrivateKeys,
        IpConfiguration ipv4Configuration, IpConfiguration ipv6Configuration, PvsProxy pvsProxy, Long vlan,
        List<Long> trunks) {

    /** A rate limit: kbytes per second over a time slice in microseconds. */
    public record Rate(long kbps, long timesliceUs) {
    }

    public Vif {
        Objects.requireNonNull(id, "id");
        mac = mac == null ? "fe:ff:ff:ff:ff:ff" : mac;
        backend = backend == null ? Network.local("xenbr0") : backend;
        otherConfig = Copies.map(otherConfig);
        lockingMode = lockingMode == null ? LockingMode.unlocked() : lockingMode;
        extraPrivateKeys = Copies.map(extraPrivateKeys);
        ipv4Configuration = ipv4Configuration == null ? IpConfiguration.unspecified() : ipv4Configuration;
        ipv6Configuration = ipv6Configuration == null ? IpConfiguration.unspecified() : ipv6Configuration;
        trunks = Copies.list(trunks);
    }

    /** A VIF with the original's defaults at the given position on a local bridge. */
    public static Vif of(DeviceId id, int position, String mac, String bridge) {
        return new Vif(id, position, mac, true, 1500, null, Network.local(bridge), Map.of(), null, Map.of(), null,
                null, null, null, List.of());
    }

    public Vif withMac(String m) {
        return new Vif(id, position, m, carrier, mtu, rate, backend, otherConfig, lockingMode, extraPrivateKeys,
                ipv4Configuration, ipv6Configuration, pvsProxy, vlan, trunks);
    }

    public Vif withBackend(Network n) {
        return new Vif(id, position, mac, carrier, mtu, rate, n, otherConfig, lockingMode, extraPrivateKeys,
                ipv4Configuration, ipv6Configuration, pvsProxy, vlan, trunks);
    }

    public Vif withCarrier(boolean c) {
        return new Vif(id, position, mac, c, mtu, rate, backend, otherConfig, lockingMode, extraPrivateKeys,
                ipv4Configuration, ipv6Configuration, pvsProxy, vlan, trunks);
    }

    public Vif withLockingMode(LockingMode l) {
        return new Vif(id, position, mac, carrier, mtu, rate, backend, otherConfig, l, extraPrivateKeys,
                ipv4Configuration, ipv6Configuration, pvsProxy, vlan, trunks);
    }

    public Vif withIpv4Configuration(IpConfiguration c) {
        return new Vif(id, position, mac, carrier, mtu, rate, backend, otherConfig, lockingMode, extraPrivateKeys, c,
                ipv6Configuration, pvsProxy, vlan, trunks);
    }

    public Vif withIpv6Configuration(IpConfiguration c) {
        return new Vif(id, position, mac, carrier, mtu, rate, backend, otherConfig, lockingMode, extraPrivateKeys,
                ipv4Configuration, c, pvsProxy, vlan, trunks);
    }

    public Vif withPvsProxy(PvsProxy p) {
        return new Vif(id, position, mac, carrier, mtu, rate, backend, otherConfig, lockingMode, extraPrivateKeys,
                ipv4Configuration, ipv6Configuration, p, vlan, trunks);
    }

    public Vif withTrunks(List<Long> t) {
        return new Vif(id, position, mac, carrier, mtu, rate, backend, otherConfig, lockingMode, extraPrivateKeys,
                ipv4Configuration, ipv6Configuration, pvsProxy, vlan, t);
    }

    public Vif withId(DeviceId newId) {
        return new Vif(newId, position, mac, carrier, mtu, rate, backend, otherConfig, lockingMode, extraPrivateKeys,
                ipv4Configuration, ipv6Configuration, pvsProxy, vlan, trunks);
    }
}
