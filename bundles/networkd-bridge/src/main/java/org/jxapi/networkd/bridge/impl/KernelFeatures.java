package org.jxapi.networkd.bridge.impl;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jxapi.common.exec.CommandResult;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.linux.IpCommand;

/**
 * Which link types the kernel offers, probed once per type inside the namespace. The probes change
 * nothing that stays: a VLAN is tried on {@code lo}, which a kernel with 8021q refuses ("VLANs not
 * supported") and one without refuses as an unknown type; a bond or gretap is made under a unique
 * temporary name and deleted at once. Only "Unknown device type" means missing.
 */
final class KernelFeatures {
    private final IpCommand ip;
    private final ConcurrentHashMap<String, Boolean> known = new ConcurrentHashMap<>();

    KernelFeatures(IpCommand ip) {
        this.ip = ip;
    }

    boolean vlan() {
        return known.computeIfAbsent("vlan", k -> {
            CommandResult r = ip.tryIp("link", "add", "link", "lo", "name", probeName(), "type", "vlan", "id", "1");
            return !unknownType(r);
        });
    }

    boolean bonding() {
        return known.computeIfAbsent("bond", k -> probeByCreating("bond"));
    }

    boolean gretap() {
        return known.computeIfAbsent("gretap", k -> probeByCreating("gretap", "remote", "192.0.2.1"));
    }

    private boolean probeByCreating(String type, String... args) {
        String name = probeName();
        List<String> argv = new ArrayList<>(List.of("link", "add", "name", name, "type", type));
        argv.addAll(List.of(args));
        CommandResult r = ip.tryIp(argv.toArray(String[]::new));
        if (r.ok()) {
            ip.tryIp("link", "del", "dev", name);
            return true;
        }
        return !unknownType(r);
    }

    private static boolean unknownType(CommandResult r) {
        return !r.ok() && r.stderr().contains("Unknown device type");
    }

    private static String probeName() {
        return "jxp" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    void requireVlan() {
        if (!vlan()) {
            throw NetworkdException.kernelFeatureMissing("8021q",
                    "This kernel has no 802.1Q VLAN devices (module 8021q is not available), so the Linux bridge "
                            + "backend cannot make VLAN networks. Use a kernel with 8021q, or the openvswitch "
                            + "backend, whose VLAN fake bridges need no kernel VLAN support.");
        }
    }

    void requireBonding() {
        if (!bonding()) {
            throw NetworkdException.kernelFeatureMissing("bonding",
                    "This kernel has no bonding driver (module bonding is not available), so the Linux bridge "
                            + "backend cannot make bonds. Use a kernel with bonding, or the openvswitch backend, "
                            + "whose bonds need no kernel bonding driver.");
        }
    }
}
