package org.jxapi.networkd.ovs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jxapi.networkd.api.VifLocking;

/** The OpenFlow rule set of a locked, disabled and unlocked guest port. */
class VifFlowsTest {
    @Test
    void unlockedHasNoRulesAndDisabledDropsEverything() {
        assertEquals(List.of(), VifFlows.of("5", "02:00:00:00:00:01", VifLocking.UNLOCKED));
        assertEquals(List.of("cookie=1,in_port=5,priority=8000,actions=drop"),
                VifFlows.of("5", "02:00:00:00:00:01", new VifLocking(VifLocking.Mode.DISABLED, List.of(), List.of())));
    }

    @Test
    void lockedAllowsItsAddressesFromItsMacAndDropsTheRestLast() {
        List<String> f = VifFlows.of("7", "02:AA:00:00:00:01",
                new VifLocking(VifLocking.Mode.LOCKED, List.of("10.0.0.5"), List.of("fd00::5")));
        assertTrue(f.stream().allMatch(r -> r.startsWith("cookie=1,in_port=7,priority=")), f::toString);
        assertTrue(f.contains("cookie=1,in_port=7,priority=6000,ip,nw_src=10.0.0.5,dl_src=02:aa:00:00:00:01,actions=normal"));
        assertTrue(f.contains("cookie=1,in_port=7,priority=7000,arp,dl_src=02:aa:00:00:00:01,arp_sha=02:aa:00:00:00:01,"
                + "nw_src=10.0.0.5,actions=normal"));
        assertTrue(f.contains("cookie=1,in_port=7,priority=5000,udp6,dl_src=02:aa:00:00:00:01,ipv6_src=fd00::5,actions=normal"));
        assertTrue(f.contains("cookie=1,in_port=7,priority=8000,udp,tp_dst=67,dl_src=02:aa:00:00:00:01,actions=normal"));
        assertEquals("cookie=1,in_port=7,priority=4000,actions=drop", f.get(f.size() - 1));
        assertEquals("cookie=1/-1,in_port=7", VifFlows.ofPort("7"));
    }
}
