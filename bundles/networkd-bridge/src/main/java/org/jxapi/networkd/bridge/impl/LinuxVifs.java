package org.jxapi.networkd.bridge.impl;

import java.util.List;

import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.linux.IpCommand;
import org.jxapi.networkd.linux.ProtectedInterfaces;
import org.jxapi.networkd.linux.ipjson.IpLink;
import org.jxapi.networkd.spi.VifBackend;

/**
 * Guests' ports on Linux bridges: the tap (or vif) device made the bridge's slave with the VIF's MTU,
 * up while it has carrier (a Linux bridge port has no carrier of its own to turn off, so no carrier
 * is the device down), its rate limit and locking as {@link VifRules}, and recorded in the instance
 * state so that bridge queries tell guests' ports from the bridge's own.
 */
final class LinuxVifs implements VifBackend {
    private final IpCommand ip;
    private final ProtectedInterfaces protectedInterfaces;
    private final InstanceState state;
    private final VifRules rules;

    LinuxVifs(IpCommand ip, ProtectedInterfaces protectedInterfaces, InstanceState state, VifRules rules) {
        this.ip = ip;
        this.protectedInterfaces = protectedInterfaces;
        this.state = state;
        this.rules = rules;
    }

    @Override
    public void plug(VifPort port) {
        protectedInterfaces.check(port.device());
        IpLink br = ip.link(port.bridge());
        if (br == null || !"bridge".equals(br.kind())) {
            throw NetworkdException.doesNotExist("bridge", port.bridge());
        }
        IpLink dev = ip.link(port.device());
        if (dev == null) {
            throw NetworkdException.doesNotExist("interface", port.device());
        }
        if (dev.master() != null && !dev.master().equals(port.bridge())) {
            // Moved to another network: its rules go with it, re-made below.
            rules.remove(port.device());
        }
        if (dev.mtu() != port.mtu()) {
            ip.ip("link", "set", "dev", port.device(), "mtu", Integer.toString(port.mtu()));
        }
        if (!port.bridge().equals(dev.master())) {
            ip.ip("link", "set", "dev", port.device(), "master", port.bridge());
        }
        VifLocking l = port.locking();
        state.putVif(port.device(), new InstanceState.Vif(port.bridge(), port.vifId(), port.mac(), l.mode().name(),
                l.ipv4Allowed(), l.ipv6Allowed(), port.rateKbps()));
        rules.apply(port.device(), port.mac(), l, port.rateKbps());
        if (port.carrier() != dev.up()) {
            ip.ip("link", "set", "dev", port.device(), port.carrier() ? "up" : "down");
        }
    }

    @Override
    public void unplug(String bridge, String device) {
        InstanceState.Vif v = state.vif(device);
        if (v != null && !v.bridge().equals(bridge)) {
            // Plugged elsewhere since (a move): not this bridge's to take away.
            return;
        }
        rules.remove(device);
        IpLink dev = ip.link(device);
        if (dev != null && bridge.equals(dev.master())) {
            protectedInterfaces.check(device);
            ip.ip("link", "set", "dev", device, "nomaster");
        }
        state.putVif(device, null);
    }

    @Override
    public void setLocking(String bridge, String device, String mac, VifLocking locking) {
        protectedInterfaces.check(device);
        // The record is the VIF's: plug writes it, unplug and a plug elsewhere change it; no device read needed.
        InstanceState.Vif v = state.vif(device);
        if (v == null || !v.bridge().equals(bridge)) {
            throw NetworkdException.doesNotExist("vif", bridge + "/" + device);
        }
        rules.apply(device, mac, locking, v.rateKbps());
        state.putVif(device, new InstanceState.Vif(v.bridge(), v.vifId(), mac, locking.mode().name(),
                locking.ipv4Allowed(), locking.ipv6Allowed(), v.rateKbps()));
    }

    @Override
    public List<String> devices(String bridge) {
        if (ip.link(bridge) == null) {
            return List.of();
        }
        return ip.portsOf(bridge).stream().map(IpLink::name).filter(d -> {
            InstanceState.Vif v = state.vif(d);
            return v != null && v.bridge().equals(bridge);
        }).toList();
    }
}
