package org.jxapi.networkd.simulator.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.NetworkdException;

/**
 * The simulated host's network: devices and bridges by name, the DNS settings and the log of
 * changes, behind one lock. Every part of the backend reads and changes it through {@link #read}
 * and {@link #change}, so a change is atomic and logged once, and only when it succeeded.
 */
final class SimulatedHost {
    final Kind kind;
    final Map<String, Device> devices = new LinkedHashMap<>();
    final Map<String, SimBridge> bridges = new LinkedHashMap<>();
    Dns dns = Dns.NONE;
    private final List<String> changes = new ArrayList<>();
    private int macCounter;

    SimulatedHost(Kind kind, List<SimulatedNic> nics) {
        this.kind = kind;
        for (SimulatedNic nic : nics) {
            devices.put(nic.name(), Device.physical(nic));
        }
    }

    synchronized <T> T read(Supplier<T> query) {
        return query.get();
    }

    /** Runs a change under the lock; {@code what} (e.g. {@code Bridge.create xenbr0}) is logged if it succeeds. */
    synchronized void change(String what, Runnable change) {
        change.run();
        changes.add(what);
    }

    /** A change made from outside networkd (qemu, a cable, a test's drift): not logged. */
    synchronized void outside(Runnable change) {
        change.run();
    }

    synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    synchronized void clearChanges() {
        changes.clear();
    }

    /** Locally administered, unique within this host. */
    String newMac() {
        int n = ++macCounter;
        return String.format("02:5e:%02x:%02x:%02x:%02x", (n >> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    }

    Device device(String name) {
        Device d = devices.get(name);
        if (d == null) {
            throw NetworkdException.doesNotExist("interface", name);
        }
        return d;
    }

    SimBridge bridge(String name) {
        SimBridge b = bridges.get(name);
        if (b == null) {
            throw NetworkdException.doesNotExist("bridge", name);
        }
        return b;
    }

    /** The bridge whose port or guest list holds the device, null for none. */
    SimBridge bridgeOf(String device) {
        for (SimBridge b : bridges.values()) {
            if (b.guests.containsKey(device)) {
                return b;
            }
            for (var port : b.ports.values()) {
                if (port.interfaces().contains(device)) {
                    return b;
                }
            }
        }
        return null;
    }
}
