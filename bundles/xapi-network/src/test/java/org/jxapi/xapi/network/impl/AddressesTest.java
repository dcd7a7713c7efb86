package org.jxapi.xapi.network.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void netmasksAndPrefixesConvertBothWaysAndGappedMasksAreRefused() {
        assertEquals(24, Addresses.prefixOf("255.255.255.0"));
        assertEquals(0, Addresses.prefixOf("0.0.0.0"));
        assertEquals(32, Addresses.prefixOf("255.255.255.255"));
        assertEquals(-1, Addresses.prefixOf("255.0.255.0"));
        assertEquals("255.255.240.0", Addresses.netmaskOf(20));
        assertEquals("0.0.0.0", Addresses.netmaskOf(0));
    }

    @Test
    void addressesAreCheckedWithoutNameLookups() {
        assertTrue(Addresses.isIpv4("192.0.2.1"));
        assertFalse(Addresses.isIpv4("192.0.2.256"));
        assertFalse(Addresses.isIpv4("example.org"));
        assertTrue(Addresses.isIpv6("2001:db8::1"));
        assertFalse(Addresses.isIpv6("example.org"), "a host name is not looked up");
        assertTrue(Addresses.isMac("02:00:5e:00:00:01"));
        assertFalse(Addresses.isMac("02:00:5e:00:00"));
        assertTrue(Addresses.isMac(Addresses.randomMac()));
        assertEquals(0x02, Integer.parseInt(Addresses.randomMac().substring(0, 2), 16) & 0x03, "locally administered unicast");
    }
}
