package org.jxapi.networkd.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.Link;
import org.jxapi.networkd.spi.InterfaceState;
import org.junit.jupiter.api.Test;

class InterfaceConfiguratorTest {
    private static InterfaceState with(List<Address> v4, boolean dhcp, List<Address> v6) {
        return new InterfaceState("eth9", "02:00:00:00:00:09", true, 1500, v4, null, dhcp, v6, null, true, "",
                new Link(true, 1000, "full"));
    }

    private static final Address LL = Address.parse("fe80::1/64");
    private static final Address GLOBAL = Address.parse("2001:db8::1/64");

    @Test
    void aLinkLocalAddressTheKernelAddedIsNoReasonToChangeIpv6() {
        assertTrue(InterfaceConfigurator.ipv6Matches(with(List.of(), false, List.of(LL)), Ipv6Conf.NONE));
        assertTrue(InterfaceConfigurator.ipv6Matches(with(List.of(), false, List.of(LL)), Ipv6Conf.LINK_LOCAL));
        assertFalse(InterfaceConfigurator.ipv6Matches(with(List.of(), false, List.of(LL, GLOBAL)), Ipv6Conf.NONE));
        assertTrue(InterfaceConfigurator.ipv6Matches(with(List.of(), false, List.of(LL, GLOBAL)),
                new Ipv6Conf.Static(List.of(GLOBAL))));
        assertFalse(InterfaceConfigurator.ipv6Matches(with(List.of(), false, List.of(LL)), Ipv6Conf.AUTOCONF));
    }

    @Test
    void ipv4MatchesExactlyAndDhcpOnlyADhcpClient() {
        Address a = Address.parse("192.0.2.1/24");
        assertTrue(InterfaceConfigurator.ipv4Matches(with(List.of(a), false, List.of()), Ipv4Conf.of(a)));
        assertFalse(InterfaceConfigurator.ipv4Matches(with(List.of(a), true, List.of()), Ipv4Conf.of(a)));
        assertFalse(InterfaceConfigurator.ipv4Matches(with(List.of(a), false, List.of()), Ipv4Conf.NONE));
        assertTrue(InterfaceConfigurator.ipv4Matches(with(List.of(a), true, List.of()), Ipv4Conf.DHCP));
        assertFalse(InterfaceConfigurator.ipv4Matches(with(List.of(), false, List.of()), Ipv4Conf.DHCP));
    }
}
