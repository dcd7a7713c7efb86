package org.jxapi.networkd.ovs.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The original's bond properties (as PIF/Bond other_config gives them to networkd) as Open vSwitch
 * Port and Interface columns, mapped as its network_utils does: {@code mode} balance-slb (default) or
 * active-backup is {@code bond_mode} with LACP off; {@code lacp} is {@code lacp=active} with
 * {@code bond_mode} balance-slb for {@code hashing-algorithm=src_mac} and balance-tcp otherwise;
 * updelay/downdelay/miimon/use_carrier/rebalance-interval are integers (invalid ones are left out);
 * lacp-time and lacp-fallback-ab pass through; the LACP keys go on each member interface; any other
 * property becomes {@code other-config:bond-<name>}.
 */
record BondProperties(List<String> portSettings, List<String> interfaceSettings) {
    private static final Set<String> KNOWN = Set.of("mode", "hashing-algorithm", "hashing_algorithm", "updelay",
            "downdelay", "miimon", "use_carrier", "rebalance-interval", "lacp-time", "lacp-aggregation-key",
            "lacp-actor-key", "lacp-fallback-ab");

    static BondProperties of(Map<String, String> properties) {
        List<String> port = new ArrayList<>();
        String mode = properties.getOrDefault("mode", "balance-slb");
        // xapi writes hashing_algorithm, networkd's callers hashing-algorithm; both mean the same.
        String hashing = properties.getOrDefault("hashing-algorithm", properties.getOrDefault("hashing_algorithm", ""));
        if (mode.equals("lacp")) {
            port.add("lacp=active");
            port.add(hashing.equals("src_mac") ? "bond_mode=balance-slb" : "bond_mode=balance-tcp");
        } else {
            port.add("lacp=off");
            port.add("bond_mode=" + mode);
        }
        integer(properties, "updelay").ifPresent(v -> port.add("bond_updelay=" + v));
        integer(properties, "downdelay").ifPresent(v -> port.add("bond_downdelay=" + v));
        integer(properties, "miimon").ifPresent(v -> port.add("other-config:bond-miimon-interval=" + v));
        integer(properties, "use_carrier")
                .ifPresent(v -> port.add("other-config:bond-detect-mode=" + (v > 0 ? "carrier" : "miimon")));
        integer(properties, "rebalance-interval")
                .ifPresent(v -> port.add("other-config:bond-rebalance-interval=" + v));
        passThrough(properties, "lacp-time", "other-config:lacp-time", port);
        passThrough(properties, "lacp-fallback-ab", "other-config:lacp-fallback-ab", port);
        List<String> iface = new ArrayList<>();
        passThrough(properties, "lacp-aggregation-key", "other-config:lacp-aggregation-key", iface);
        passThrough(properties, "lacp-actor-key", "other-config:lacp-actor-key", iface);
        properties.entrySet().stream().filter(e -> !KNOWN.contains(e.getKey())).sorted(Map.Entry.comparingByKey())
                .forEach(e -> port.add("other-config:" + VsctlSyntax.quote("bond-" + e.getKey()) + "="
                        + VsctlSyntax.quote(e.getValue())));
        return new BondProperties(port, iface);
    }

    private static java.util.Optional<Integer> integer(Map<String, String> properties, String key) {
        String v = properties.get(key);
        if (v == null) {
            return java.util.Optional.empty();
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n < 0 ? java.util.Optional.empty() : java.util.Optional.of(n);
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static void passThrough(Map<String, String> properties, String key, String column, List<String> out) {
        String v = properties.get(key);
        if (v != null) {
            out.add(column + "=" + VsctlSyntax.quote(v));
        }
    }
}
