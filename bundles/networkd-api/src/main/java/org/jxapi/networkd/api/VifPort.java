package org.jxapi.networkd.api;

import java.util.Objects;

/**
 * A guest's NIC on a bridge: the host-side device (a qemu tap, a Xen vif), the guest's MAC, the MTU,
 * the carrier, the locking and the rate limit in kbit/s (0: none; {@code qos_algorithm_type=ratelimit}).
 * {@code vifId} ({@code <vm uuid>/<device>}) is recorded on the port so that it can be found again.
 */
public record VifPort(String bridge, String device, String vifId, String mac, int mtu, boolean carrier,
        VifLocking locking, long rateKbps) {
    public VifPort {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(device, "device");
        mtu = mtu <= 0 ? 1500 : mtu;
        locking = locking == null ? VifLocking.UNLOCKED : locking;
        rateKbps = Math.max(0, rateKbps);
    }

    public VifPort onBridge(String newBridge) {
        return new VifPort(newBridge, device, vifId, mac, mtu, carrier, locking, rateKbps);
    }

    public VifPort withLocking(VifLocking l) {
        return new VifPort(bridge, device, vifId, mac, mtu, carrier, l, rateKbps);
    }
}
