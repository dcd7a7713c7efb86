package org.jxapi.networkd.simulator.impl;

import java.util.List;

import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.spi.VifBackend;

/**
 * Guests' ports. The device must exist (qemu or the test made it: {@link SimulatorBackend#addGuestDevice});
 * plugging puts it on the bridge with the port's MTU and carrier, and the port record keeps the
 * locking and rate limit, which a test reads back through {@link SimulatorBackend#vif}.
 */
final class SimulatedVifs implements VifBackend {
    private final SimulatedHost host;

    SimulatedVifs(SimulatedHost host) {
        this.host = host;
    }

    @Override
    public void plug(VifPort port) {
        host.change("Vif.plug " + port.bridge() + " " + port.device(), () -> {
            SimBridge b = host.bridge(port.bridge());
            Device d = host.device(port.device());
            SimBridge old = host.bridgeOf(port.device());
            if (old != null && old != b) {
                old.guests.remove(port.device());
            }
            b.guests.put(port.device(), port);
            d.mtu = port.mtu();
            d.cable = port.carrier();
            d.up = true;
            if (port.mac() != null) {
                // The host side of a guest NIC carries the guest's MAC with the first byte fe, as Xen's vifs do.
                d.mac = "fe" + port.mac().substring(2);
            }
        });
    }

    @Override
    public void unplug(String bridge, String device) {
        host.change("Vif.unplug " + bridge + " " + device, () -> {
            SimBridge b = host.bridges.get(bridge);
            if (b != null && b.guests.remove(device) != null) {
                Device d = host.devices.get(device);
                if (d != null) {
                    d.up = false;
                }
            }
        });
    }

    @Override
    public void setLocking(String bridge, String device, String mac, VifLocking locking) {
        host.change("Vif.set_locking " + bridge + " " + device + " " + locking.mode(), () -> {
            SimBridge b = host.bridge(bridge);
            VifPort port = b.guests.get(device);
            if (port == null) {
                throw NetworkdException.doesNotExist("vif", device);
            }
            b.guests.put(device, new VifPort(bridge, device, port.vifId(), mac != null ? mac : port.mac(), port.mtu(),
                    port.carrier(), locking, port.rateKbps()));
        });
    }

    @Override
    public List<String> devices(String bridge) {
        return host.read(() -> {
            SimBridge b = host.bridges.get(bridge);
            return b == null ? List.of() : List.copyOf(b.guests.keySet());
        });
    }
}
