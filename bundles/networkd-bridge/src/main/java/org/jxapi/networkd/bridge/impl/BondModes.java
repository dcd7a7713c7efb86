package org.jxapi.networkd.bridge.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The original's bond properties as Linux bonding options ({@code ip link add type bond ...}).
 * {@code balance-slb} (Open vSwitch's source-MAC load balancing without switch support) becomes
 * {@code balance-alb}, Linux's nearest; {@code lacp} becomes {@code 802.3ad}.
 */
final class BondModes {
    private BondModes() {
    }

    static List<String> options(Map<String, String> props) {
        List<String> o = new ArrayList<>();
        String mode = props.getOrDefault("mode", "balance-slb");
        o.addAll(List.of("mode", switch (mode) {
            case "lacp" -> "802.3ad";
            case "active-backup" -> "active-backup";
            default -> "balance-alb";
        }));
        for (String k : List.of("miimon", "downdelay", "updelay")) {
            if (props.containsKey(k)) {
                o.addAll(List.of(k, props.get(k)));
            }
        }
        if (props.containsKey("hashing_algorithm") && mode.equals("lacp")) {
            o.addAll(List.of("xmit_hash_policy",
                    props.get("hashing_algorithm").equals("tcpudp_ports") ? "layer3+4" : "layer2"));
        }
        return o;
    }
}
