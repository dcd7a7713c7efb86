package org.jxapi.xenops.qemu.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.XenopsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guests' taps on the bridges of the networkd instance the backend is bound to: Vif.plug once qemu
 * has made the tap, Vif.unplug before it goes, Vif.set_locking and Vif.move, so that the MTU,
 * carrier, locking and rate limit are networkd's business, whether the bridge is a Linux bridge or
 * an Open vSwitch one. Without a bound instance, or for a bridge it does not manage on this host,
 * nothing is asked and the caller keeps its own path (ip link master on a Linux bridge).
 */
final class SwitchPorts {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchPorts.class);
    private static final String DBG = "xenops-qemu";

    private final Supplier<Networkd> networkd;
    private final Predicate<String> hostHasDevice;

    SwitchPorts(Supplier<Networkd> networkd) {
        this(networkd, name -> Files.exists(Path.of("/sys/class/net", name)));
    }

    /** {@code hostHasDevice}: whether a network device of that name exists here (tests over a simulator). */
    SwitchPorts(Supplier<Networkd> networkd, Predicate<String> hostHasDevice) {
        this.networkd = networkd != null ? networkd : () -> null;
        this.hostHasDevice = hostHasDevice;
    }

    /**
     * Whether networkd puts taps on this bridge: an instance is bound, it lists the bridge, and the
     * bridge is a device here (a simulated networkd lists bridges that this host does not have, and
     * its Vif.plug could not find qemu's real tap).
     */
    boolean manages(String bridge) {
        Networkd n = networkd.get();
        if (n == null || bridge == null || !hostHasDevice.test(bridge)) {
            return false;
        }
        try {
            return n.bridgeGetAll(DBG).contains(bridge);
        } catch (NetworkdException e) {
            LOG.warn("networkd {}: Bridge.get_all failed, bridge {} left to the host: {}", n.instanceName(), bridge,
                    String.join(" ", e.errorDescription()));
            return false;
        }
    }

    /** Remembers what networkd needs of the VIF on its device, for plugs after a (re)start of qemu. */
    static void record(Device d, Vif vif) {
        d.mtu = vif.mtu();
        // Both are the XenAPI's qos_algorithm_params:kbps, passed as they came.
        d.rateKbps = vif.rate() == null ? 0 : vif.rate().kbps();
        d.locking = vif.lockingMode();
    }

    static VifLocking locking(LockingMode m) {
        if (m == null) {
            return VifLocking.UNLOCKED;
        }
        return new VifLocking(switch (m.kind()) {
            case UNLOCKED -> VifLocking.Mode.UNLOCKED;
            case LOCKED -> VifLocking.Mode.LOCKED;
            case DISABLED -> VifLocking.Mode.DISABLED;
        }, m.ipv4(), m.ipv6());
    }

    static VifPort port(String vmId, Device d) {
        return new VifPort(d.bridge, d.tap, vmId + "/" + d.name, d.mac, d.mtu, d.carrier, locking(d.locking),
                d.rateKbps);
    }

    /** Puts the domain's tap on its bridge through networkd; the tap must exist (qemu made it). */
    void plug(String vmId, Device d) {
        call("Vif.plug " + d.tap + " on " + d.bridge, n -> n.vifPlug(DBG, port(vmId, d)));
    }

    /** Takes the tap off its bridge; a failure is logged, as the tap goes with qemu anyway. */
    void unplug(Device d) {
        Networkd n = networkd.get();
        if (n == null) {
            return;
        }
        try {
            n.vifUnplug(DBG, d.bridge, d.tap);
        } catch (NetworkdException e) {
            LOG.warn("networkd {}: Vif.unplug {} from {}: {}", n.instanceName(), d.tap, d.bridge,
                    String.join(" ", e.errorDescription()));
        }
    }

    void setLocking(Device d) {
        call("Vif.set_locking " + d.tap, n -> n.vifSetLocking(DBG, d.bridge, d.tap, d.mac, locking(d.locking)));
    }

    void move(String vmId, Device d, String fromBridge) {
        call("Vif.move " + d.tap + " from " + fromBridge + " to " + d.bridge,
                n -> n.vifMove(DBG, port(vmId, d), fromBridge));
    }

    /** The networkd calls of the domain's plugged taps that networkd manages. */
    static List<Device> managedTaps(Domain dom) {
        synchronized (dom) {
            return dom.devices.values().stream()
                    .filter(d -> d.kind == Device.Kind.VIF && d.plugged && d.switchManaged && "tap".equals(d.netdev))
                    .toList();
        }
    }

    private void call(String what, java.util.function.Consumer<Networkd> c) {
        Networkd n = networkd.get();
        if (n == null) {
            throw XenopsException.internal(what + ": no networkd instance is bound");
        }
        try {
            c.accept(n);
        } catch (NetworkdException e) {
            throw XenopsException.internal(what + ": networkd " + n.instanceName() + ": "
                    + String.join(" ", e.errorDescription()));
        }
    }
}
