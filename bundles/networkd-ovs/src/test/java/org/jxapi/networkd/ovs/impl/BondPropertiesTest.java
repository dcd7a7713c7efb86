package org.jxapi.networkd.ovs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The original's bond property mapping onto Open vSwitch columns. */
class BondPropertiesTest {
    @Test
    void withoutAModeABondIsBalanceSlbWithoutLacp() {
        assertEquals(List.of("lacp=off", "bond_mode=balance-slb"), BondProperties.of(Map.of()).portSettings());
    }

    @Test
    void lacpIsActiveLacpWithBalanceTcpUnlessHashingBySourceMac() {
        assertEquals(List.of("lacp=active", "bond_mode=balance-tcp", "other-config:lacp-time=\"fast\""),
                BondProperties.of(Map.of("mode", "lacp", "lacp-time", "fast")).portSettings());
        assertEquals(List.of("lacp=active", "bond_mode=balance-slb"),
                BondProperties.of(Map.of("mode", "lacp", "hashing-algorithm", "src_mac")).portSettings());
        BondProperties keyed = BondProperties.of(Map.of("mode", "lacp", "lacp-aggregation-key", "3"));
        assertEquals(List.of("other-config:lacp-aggregation-key=\"3\""), keyed.interfaceSettings());
    }

    @Test
    void timersAreIntegersAndInvalidOnesAreLeftOut() {
        BondProperties p = BondProperties.of(Map.of("mode", "active-backup", "updelay", "31", "downdelay", "x",
                "miimon", "100", "use_carrier", "1", "rebalance-interval", "-5"));
        assertEquals(List.of("lacp=off", "bond_mode=active-backup", "bond_updelay=31",
                "other-config:bond-miimon-interval=100", "other-config:bond-detect-mode=carrier"), p.portSettings());
        assertEquals(List.of(), p.interfaceSettings());
    }

    @Test
    void anUnknownPropertyIsABondOtherConfigKey() {
        assertEquals(List.of("lacp=off", "bond_mode=balance-slb", "other-config:\"bond-foo\"=\"a b\""),
                BondProperties.of(Map.of("foo", "a b")).portSettings());
    }
}
