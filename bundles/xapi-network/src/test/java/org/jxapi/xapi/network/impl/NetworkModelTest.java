package org.jxapi.xapi.network.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.BondMode;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.Ipv6ConfigurationMode;
import org.jxapi.xenapi.model.types.NetworkDefaultLockingMode;
import org.jxapi.xenapi.model.types.NetworkPurpose;
import org.jxapi.xenapi.model.types.PrimaryAddressType;

/**
 * The messages whose outcome is decided in the database: PIFs that are not plugged, so networkd
 * is never asked (the host has none here, and a call to it would fail the test).
 */
class NetworkModelTest {
    @TempDir
    Path dir;
    NetworkTestHost h;

    @BeforeEach
    void start() throws Exception {
        h = new NetworkTestHost(dir, null);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void networkCreatePicksTheFirstFreeXapiBridgeAndRefusesATakenOne() {
        Ref<Object> a = h.network("a");
        Ref<Object> b = h.network("b");
        assertEquals("xapi0", h.field("network", a, "bridge"));
        assertEquals("xapi1", h.field("network", b, "bridge"));
        assertEquals(1500L, h.field("network", a, "MTU"));
        assertEquals(List.of("BRIDGE_NAME_EXISTS", "xapi1"),
                h.error("network.create", Map.of("name_label", "c", "bridge", "xapi1")));
    }

    @Test
    void networkDestroyRefusesANetworkWithPifs() {
        Ref<Object> n = h.network("n");
        Ref<Object> pif = h.dbPif("eth0", n, false);
        List<String> e = h.error("network.destroy", n);
        assertEquals("NETWORK_CONTAINS_PIF", e.get(0));
        assertTrue(e.get(1).contains(pif.handle()), e.toString());
        h.call("PIF.db_forget", pif);
        h.call("network.destroy", n);
        assertNull(h.db.snapshot().row("network", n));
    }

    @Test
    void purposesNbdAndInsecureNbdExcludeEachOther() {
        Ref<Object> n = h.network("n");
        h.call("network.add_purpose", n, NetworkPurpose.NBD);
        assertEquals(Set.of(NetworkPurpose.NBD), h.field("network", n, "purpose"));
        assertEquals(List.of("NETWORK_INCOMPATIBLE_PURPOSES", "insecure_nbd", "nbd"),
                h.error("network.add_purpose", n, NetworkPurpose.INSECURE_NBD));
        h.call("network.remove_purpose", n, NetworkPurpose.NBD);
        h.call("network.add_purpose", n, NetworkPurpose.INSECURE_NBD);
        assertEquals(Set.of(NetworkPurpose.INSECURE_NBD), h.field("network", n, "purpose"));
    }

    @Test
    void defaultLockingModeIsSetAndAnUnknownNetworkIsInvalid() {
        Ref<Object> n = h.network("n");
        h.call("network.set_default_locking_mode", n, NetworkDefaultLockingMode.DISABLED);
        assertEquals(NetworkDefaultLockingMode.DISABLED, h.field("network", n, "default_locking_mode"));
        assertEquals("HANDLE_INVALID", h.error("network.set_default_locking_mode", Ref.of("OpaqueRef:nope"),
                NetworkDefaultLockingMode.DISABLED).get(0));
    }

    @Test
    void vlanCreateMakesAnUntaggedPifAndChecksTheTag() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("physical"), false);
        Ref<Object> vnet = h.network("vlan 100");
        Ref<Object> vlan = h.ref("VLAN.create", eth0, 100L, vnet);
        Ref<?> untagged = (Ref<?>) h.field("VLAN", vlan, "untagged_PIF");
        assertEquals("eth0", h.field("PIF", untagged, "device"));
        assertEquals(100L, h.field("PIF", untagged, "VLAN"));
        assertEquals(false, h.field("PIF", untagged, "physical"));
        assertEquals(h.field("PIF", eth0, "MAC"), h.field("PIF", untagged, "MAC"));
        assertEquals(List.of("VLAN_TAG_INVALID", "4095"), h.error("VLAN.create", eth0, 4095L, h.network("x")));
        assertEquals(List.of("VLAN_TAG_INVALID", "-1"), h.error("VLAN.create", eth0, -1L, h.network("y")));
        assertEquals(List.of("PIF_IS_VLAN", untagged.handle()), h.error("VLAN.create", untagged, 5L, h.network("z")));
        assertEquals(List.of("PIF_VLAN_EXISTS", "eth0"), h.error("VLAN.create", eth0, 100L, h.network("w")));
        assertEquals(List.of("NETWORK_ALREADY_CONNECTED", vnet.handle(), untagged.handle()),
                h.error("VLAN.create", eth0, 200L, vnet));
    }

    @Test
    void vlanDestroyRemovesItsPifButNotTheManagementOne() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("physical"), false);
        Ref<Object> vlan = h.ref("VLAN.create", eth0, 7L, h.network("v7"));
        Ref<?> untagged = (Ref<?>) h.field("VLAN", vlan, "untagged_PIF");
        h.db.write(tx -> {
            tx.set("PIF", untagged, "management", true);
            return null;
        });
        assertEquals(List.of("PIF_IS_MANAGEMENT_INTERFACE", untagged.handle()), h.error("VLAN.destroy", vlan));
        h.db.write(tx -> {
            tx.set("PIF", untagged, "management", false);
            return null;
        });
        h.call("VLAN.destroy", vlan);
        assertNull(h.db.snapshot().row("VLAN", vlan));
        assertNull(h.db.snapshot().row("PIF", untagged));
    }

    @Test
    void pifCreateVlanAndPoolCreateVlanFromPifReturnTheUntaggedPifs() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("physical"), false);
        Ref<?> p = h.ref("PIF.create_VLAN", "eth0", h.network("v10"), h.host, 10L);
        assertEquals(10L, h.field("PIF", p, "VLAN"));
        assertEquals(List.of("INVALID_VALUE", "device", "eth9"), h.error("PIF.create_VLAN", "eth9", h.network("v11"), h.host, 11L));
        @SuppressWarnings("unchecked")
        Set<Ref<?>> pifs = (Set<Ref<?>>) h.call("pool.create_VLAN_from_PIF", eth0, h.network("v20"), 20L);
        assertEquals(1, pifs.size());
        assertEquals(20L, h.field("PIF", pifs.iterator().next(), "VLAN"));
        assertEquals(List.of("VLAN_TAG_INVALID", "5000"), h.error("pool.create_VLAN_from_PIF", eth0, h.network("v"), 5000L));
    }

    @Test
    void pifDestroyDestroysAVlanPifAndRefusesAPhysicalOne() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("physical"), false);
        Ref<?> p = h.ref("PIF.create_VLAN", "eth0", h.network("v10"), h.host, 10L);
        assertEquals(List.of("PIF_IS_PHYSICAL", eth0.handle()), h.error("PIF.destroy", eth0));
        h.call("PIF.destroy", p);
        assertNull(h.db.snapshot().row("PIF", p));
        assertTrue(h.db.snapshot().table("VLAN").size() == 0);
    }

    @Test
    void dbIntroduceAndDbForgetOnlyTouchTheDatabase() {
        Ref<Object> pif = h.dbPif("eth3", h.network("n"), false);
        assertEquals("eth3", h.field("PIF", pif, "device"));
        Ref<?> metrics = (Ref<?>) h.field("PIF", pif, "metrics");
        h.call("PIF.db_forget", pif);
        assertNull(h.db.snapshot().row("PIF", pif));
        assertNull(h.db.snapshot().row("PIF_metrics", metrics));
        assertEquals("HANDLE_INVALID", h.error("PIF.db_forget", pif).get(0));
    }

    @Test
    void primaryAddressTypeIsSetButNotOnTheManagementPif() {
        Ref<Object> pif = h.dbPif("eth0", h.network("n"), false);
        h.call("PIF.set_primary_address_type", pif, PrimaryAddressType.IPV6);
        assertEquals(PrimaryAddressType.IPV6, h.field("PIF", pif, "primary_address_type"));
        h.db.write(tx -> {
            tx.set("PIF", pif, "management", true);
            return null;
        });
        assertEquals(List.of("PIF_IS_MANAGEMENT_INTERFACE", pif.handle()),
                h.error("PIF.set_primary_address_type", pif, PrimaryAddressType.IPV4));
    }

    @Test
    void setPropertyTakesGroOnNicsAndBondsOnly() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("n"), false);
        h.call("PIF.set_property", eth0, "gro", "off");
        assertEquals(Map.of("gro", "off"), h.field("PIF", eth0, "properties"));
        assertEquals(List.of("INVALID_VALUE", "properties", "tso"), h.error("PIF.set_property", eth0, "tso", "on"));
        assertEquals(List.of("INVALID_VALUE", "value", "maybe"), h.error("PIF.set_property", eth0, "gro", "maybe"));
        Ref<?> vlan = h.ref("PIF.create_VLAN", "eth0", h.network("v"), h.host, 3L);
        assertEquals(List.of("CANNOT_CHANGE_PIF_PROPERTIES", vlan.handle()), h.error("PIF.set_property", vlan, "gro", "on"));
    }

    @Test
    void disallowUnplugIsSetAndThenUnplugIsRefused() {
        Ref<Object> pif = h.dbPif("eth0", h.network("n"), false);
        h.call("PIF.set_disallow_unplug", pif, true);
        assertEquals(true, h.field("PIF", pif, "disallow_unplug"));
        assertEquals(List.of("PIF_DOES_NOT_ALLOW_UNPLUG", pif.handle()), h.error("PIF.unplug", pif));
    }

    @Test
    void reconfigureIpOfAnUnpluggedPifWritesItsConfigurationAndChecksAddresses() {
        Ref<Object> pif = h.dbPif("eth0", h.network("n"), false);
        h.call("PIF.reconfigure_ip", pif, IpConfigurationMode.STATIC, "192.0.2.10", "255.255.255.0", "192.0.2.1", "192.0.2.53");
        assertEquals(IpConfigurationMode.STATIC, h.field("PIF", pif, "ip_configuration_mode"));
        assertEquals("192.0.2.10", h.field("PIF", pif, "IP"));
        assertEquals("255.255.255.0", h.field("PIF", pif, "netmask"));
        assertEquals(List.of("INVALID_IP_ADDRESS_SPECIFIED", "IP"),
                h.error("PIF.reconfigure_ip", pif, IpConfigurationMode.STATIC, "192.0.2.300", "255.255.255.0", "", ""));
        assertEquals(List.of("INVALID_IP_ADDRESS_SPECIFIED", "netmask"),
                h.error("PIF.reconfigure_ip", pif, IpConfigurationMode.STATIC, "192.0.2.10", "255.0.255.0", "", ""));
    }

    @Test
    void reconfigureIpv6OfAnUnpluggedPifWritesItsConfigurationAndChecksTheCidr() {
        Ref<Object> pif = h.dbPif("eth0", h.network("n"), false);
        h.call("PIF.reconfigure_ipv6", pif, Ipv6ConfigurationMode.STATIC, "2001:db8::10/64", "2001:db8::1", "");
        assertEquals(Set.of("2001:db8::10/64"), h.field("PIF", pif, "IPv6"));
        assertEquals("2001:db8::1", h.field("PIF", pif, "ipv6_gateway"));
        assertEquals(List.of("INVALID_CIDR_ADDRESS_SPECIFIED", "IPv6"),
                h.error("PIF.reconfigure_ipv6", pif, Ipv6ConfigurationMode.STATIC, "2001:db8::10", "", ""));
    }

    @Test
    void managementPifCannotLoseItsAddressOrBeForgotten() {
        Ref<Object> pif = h.dbPif("eth0", h.network("n"), false);
        h.db.write(tx -> {
            tx.set("PIF", pif, "management", true);
            return null;
        });
        assertEquals(List.of("PIF_IS_MANAGEMENT_INTERFACE", pif.handle()),
                h.error("PIF.reconfigure_ip", pif, IpConfigurationMode.NONE, "", "", "", ""));
        assertEquals(List.of("PIF_IS_MANAGEMENT_INTERFACE", pif.handle()), h.error("PIF.forget", pif));
        Ref<Object> other = h.dbPif("eth1", h.network("m"), false);
        h.call("PIF.forget", other);
        assertNull(h.db.snapshot().row("PIF", other));
    }

    @Test
    void bondOfUnpluggedMembersTakesTheFirstMembersMacAndMovesItsConfiguration() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("n0"), false);
        Ref<Object> eth1 = h.dbPif("eth1", h.network("n1"), false);
        h.call("PIF.reconfigure_ip", eth1, IpConfigurationMode.DHCP, "", "", "", "");
        Ref<Object> bnet = h.network("bond");
        Ref<?> bond = h.ref("Bond.create", bnet, Set.of(eth0, eth1), "", BondMode.ACTIVE_BACKUP, Map.of());
        Ref<?> master = (Ref<?>) h.field("Bond", bond, "master");
        assertEquals("bond0", h.field("PIF", master, "device"));
        // The member with an IP configuration is the primary one: its MAC and configuration go to the master.
        assertEquals(h.field("PIF", eth1, "MAC"), h.field("PIF", master, "MAC"));
        assertEquals(IpConfigurationMode.DHCP, h.field("PIF", master, "ip_configuration_mode"));
        assertEquals(IpConfigurationMode.NONE, h.field("PIF", eth1, "ip_configuration_mode"));
        assertEquals(eth1, h.field("Bond", bond, "primary_slave"));
        assertEquals(Set.of(eth0, eth1), h.field("Bond", bond, "slaves"));
        assertEquals(List.of("PIF_ALREADY_BONDED", eth0.handle()),
                h.error("Bond.create", h.network("b2"), Set.of(eth0, h.dbPif("eth2", h.network("n2"), false)), "",
                        BondMode.BALANCE_SLB, Map.of()));
        h.call("Bond.destroy", bond);
        assertNull(h.db.snapshot().row("PIF", master));
        assertEquals(IpConfigurationMode.DHCP, h.field("PIF", eth1, "ip_configuration_mode"));
        assertTrue(((Ref<?>) h.field("PIF", eth0, "bond_slave_of")).isNull());
    }

    @Test
    void bondNeedsTwoToFourMembersWithEqualPropertiesAndAValidMac() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("n0"), false);
        Ref<Object> eth1 = h.dbPif("eth1", h.network("n1"), false);
        Ref<Object> bnet = h.network("bond");
        assertEquals(List.of("PIF_BOND_NEEDS_MORE_MEMBERS"),
                h.error("Bond.create", bnet, Set.of(eth0), "", BondMode.BALANCE_SLB, Map.of()));
        Set<Object> five = Set.of(eth0, eth1, h.dbPif("eth2", h.network("n2"), false),
                h.dbPif("eth3", h.network("n3"), false), h.dbPif("eth4", h.network("n4"), false));
        assertEquals(List.of("INVALID_VALUE", "members", "5"),
                h.error("Bond.create", bnet, five, "", BondMode.BALANCE_SLB, Map.of()));
        assertEquals(List.of("MAC_INVALID", "zz"), h.error("Bond.create", bnet, Set.of(eth0, eth1), "zz", BondMode.BALANCE_SLB, Map.of()));
        h.call("PIF.set_property", eth0, "gro", "off");
        assertEquals(List.of("INCOMPATIBLE_PIF_PROPERTIES"),
                h.error("Bond.create", bnet, Set.of(eth0, eth1), "", BondMode.BALANCE_SLB, Map.of()));
        h.call("PIF.set_property", eth1, "gro", "off");
        Ref<?> bond = h.ref("Bond.create", bnet, Set.of(eth0, eth1), "02:aa:bb:cc:dd:ee", BondMode.BALANCE_SLB, Map.of());
        assertEquals("02:aa:bb:cc:dd:ee", h.field("PIF", (Ref<?>) h.field("Bond", bond, "master"), "MAC"));
    }

    @Test
    void bondModeLacpGetsItsDefaultPropertiesAndRefusesBadValues() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("n0"), false);
        Ref<Object> eth1 = h.dbPif("eth1", h.network("n1"), false);
        Ref<?> bond = h.ref("Bond.create", h.network("bond"), Set.of(eth0, eth1), "", BondMode.BALANCE_SLB, Map.of());
        assertEquals(Map.of(), h.field("Bond", bond, "properties"));
        h.call("Bond.set_mode", bond, BondMode.LACP);
        assertEquals(BondMode.LACP, h.field("Bond", bond, "mode"));
        assertEquals(Map.of("hashing_algorithm", "tcpudp_ports", "lacp-time", "slow", "lacp-fallback-ab", "true"),
                h.field("Bond", bond, "properties"));
        h.call("Bond.set_property", bond, "lacp-time", "fast");
        assertEquals("fast", ((Map<?, ?>) h.field("Bond", bond, "properties")).get("lacp-time"));
        assertEquals(List.of("INVALID_VALUE", "properties", "lacp-time"), h.error("Bond.set_property", bond, "lacp-time", "often"));
    }

    @Test
    void plugOfABondMemberIsRefused() {
        Ref<Object> eth0 = h.dbPif("eth0", h.network("n0"), false);
        Ref<Object> eth1 = h.dbPif("eth1", h.network("n1"), false);
        h.call("Bond.create", h.network("bond"), Set.of(eth0, eth1), "", BondMode.ACTIVE_BACKUP, Map.of());
        assertEquals(List.of("CANNOT_PLUG_BOND_SLAVE", eth0.handle()), h.error("PIF.plug", eth0));
    }

    @Test
    void managementInterfaceIsFoundAndDisabled() {
        assertEquals(List.of("PIF_NOT_PRESENT", h.host.handle(), ""), h.error("host.get_management_interface", h.host));
        Ref<Object> pif = h.dbPif("eth0", h.network("n"), false);
        assertEquals(List.of("PIF_HAS_NO_NETWORK_CONFIGURATION", pif.handle()), h.error("host.management_reconfigure", pif));
        h.db.write(tx -> {
            tx.set("PIF", pif, "management", true);
            return null;
        });
        assertEquals(pif, h.call("host.get_management_interface", h.host));
        h.call("host.management_disable");
        assertFalse((boolean) h.field("PIF", pif, "management"));
        assertEquals(List.of("PIF_DEVICE_NOT_FOUND"), h.error("host.local_management_reconfigure", "eth7"));
    }
}
