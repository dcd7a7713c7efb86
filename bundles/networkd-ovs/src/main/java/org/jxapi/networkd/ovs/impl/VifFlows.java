package org.jxapi.networkd.ovs.impl;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.networkd.api.VifLocking;

/**
 * The OpenFlow rules that lock a guest's port, as the original's setup-vif-rules writes them on
 * OVS: all with cookie 1 and the port's in_port, so {@code del-flows BR cookie=1/-1,in_port=N} removes
 * exactly them. Locked: DHCP requests and the guest's own neighbour discovery (8000), ARP for its
 * addresses from its MAC, and other neighbour discovery dropped (7000), IPv4 from its addresses and
 * router-side ICMPv6 dropped (6000), IPv6 from its addresses (5000), everything else dropped (4000).
 * Disabled: everything from the port dropped (8000). Unlocked: no rules (the bridge's NORMAL flow).
 */
final class VifFlows {
    static final String COOKIE = "cookie=1";
    private static final int[] ROUTER_ICMP6 = {134, 137, 146, 147, 151, 152, 153};

    private VifFlows() {
    }

    /** The match that selects every rule of the port, for del-flows. */
    static String ofPort(String ofport) {
        return "cookie=1/-1,in_port=" + ofport;
    }

    static List<String> of(String ofport, String mac, VifLocking locking) {
        List<String> f = new ArrayList<>();
        String in = COOKIE + ",in_port=" + ofport;
        switch (locking.mode()) {
            case UNLOCKED -> {
            }
            case DISABLED -> f.add(in + ",priority=8000,actions=drop");
            case LOCKED -> {
                String m = mac.toLowerCase(java.util.Locale.ROOT);
                f.add(in + ",priority=8000,udp,tp_dst=67,dl_src=" + m + ",actions=normal");
                f.add(in + ",priority=7000,arp,dl_src=" + m + ",arp_sha=" + m + ",nw_src=0.0.0.0,actions=normal");
                for (String ip : locking.ipv4Allowed()) {
                    f.add(in + ",priority=7000,arp,dl_src=" + m + ",arp_sha=" + m + ",nw_src=" + ip + ",actions=normal");
                    f.add(in + ",priority=6000,ip,nw_src=" + ip + ",dl_src=" + m + ",actions=normal");
                }
                for (String ip : locking.ipv6Allowed()) {
                    f.add(in + ",priority=8000,icmp6,dl_src=" + m + ",ipv6_src=" + ip + ",icmp_type=135,nd_sll=" + m
                            + ",actions=normal");
                    f.add(in + ",priority=8000,icmp6,dl_src=" + m + ",ipv6_src=" + ip + ",icmp_type=136,nd_target="
                            + ip + ",actions=normal");
                    for (String proto : List.of("icmp6", "tcp6", "udp6")) {
                        f.add(in + ",priority=5000," + proto + ",dl_src=" + m + ",ipv6_src=" + ip + ",actions=normal");
                    }
                }
                f.add(in + ",priority=7000,icmp6,icmp_type=135,actions=drop");
                f.add(in + ",priority=7000,icmp6,icmp_type=136,actions=drop");
                for (int t : ROUTER_ICMP6) {
                    f.add(in + ",priority=6000,icmp6,icmp_type=" + t + ",actions=drop");
                }
                f.add(in + ",priority=4000,actions=drop");
            }
            default -> throw new IllegalStateException("unknown locking mode " + locking.mode());
        }
        return f;
    }
}
