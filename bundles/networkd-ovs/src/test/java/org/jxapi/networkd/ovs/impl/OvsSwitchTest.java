package org.jxapi.networkd.ovs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.spi.BridgeState;

/** One private Open vSwitch: guests on a bridge, port locking, and what state() reads back. */
class OvsSwitchTest {
    private static PrivateOvs ovs;
    private static OpenvswitchBackend backend;

    @BeforeAll
    static void startSwitch() {
        assumeTrue(PrivateOvs.available(), "Open vSwitch (Debian openvswitch-switch) is not installed");
        ovs = PrivateOvs.start();
        backend = ovs.backend();
    }

    @AfterAll
    static void stopSwitch() {
        if (ovs != null) {
            ovs.close();
        }
    }

    private static VifPort vif(String bridge, Guest g, VifLocking locking) {
        return new VifPort(bridge, g.port, "vm-" + g.port + "/0", g.mac, 1500, true, locking, 0);
    }

    @Test
    void twoGuestsOnOneBridgePingEachOtherAndAreNotBridgePorts() {
        backend.bridges().create("brp", null, null, null, Map.of());
        try (Guest a = Guest.create(ovs.netns, "vpa", "02:00:00:00:01:01", "10.61.0.1/24");
                Guest b = Guest.create(ovs.netns, "vpb", "02:00:00:00:01:02", "10.61.0.2/24")) {
            backend.vifs().plug(vif("brp", a, VifLocking.UNLOCKED));
            backend.vifs().plug(vif("brp", b, VifLocking.UNLOCKED));

            a.awaitReaches(b.ip);
            assertTrue(b.ping(a.ip));
            assertEquals(List.of("vpa", "vpb"), backend.vifs().devices("brp").stream().sorted().toList());
            assertEquals(Map.of(), backend.bridges().state("brp").ports(), "guests' ports are not the bridge's ports");
            assertEquals("\"vm-vpa/0\"", ovs.vsctl("get", "interface", "vpa", "external_ids:jxapi-vif").trim());

            // A rate limit, an MTU and no carrier are the port's and the device's.
            backend.vifs().plug(new VifPort("brp", b.port, "vm-vpb/0", b.mac, 1400, false, VifLocking.UNLOCKED, 20000));
            assertEquals("20000", ovs.vsctl("get", "interface", "vpb", "ingress_policing_rate").trim());
            assertEquals("2000", ovs.vsctl("get", "interface", "vpb", "ingress_policing_burst").trim());
            assertEquals("1400", ovs.vsctl("get", "interface", "vpb", "mtu_request").trim());
            assertEquals(1400, backend.interfaces().state("vpb").mtu());
            assertFalse(backend.interfaces().state("vpb").up());
            assertTrue(a.cannotReach(b.ip), "a guest without carrier answered");

            backend.vifs().unplug("brp", "vpa");
            assertEquals(List.of("vpb"), backend.vifs().devices("brp"));
        } finally {
            backend.bridges().destroy("brp", true);
        }
        assertNull(backend.bridges().state("brp"));
    }

    @Test
    void lockedVifPassesItsAllowedAddressAndDropsASpoofedOne() {
        backend.bridges().create("brl", null, null, null, Map.of());
        try (Guest a = Guest.create(ovs.netns, "vla", "02:00:00:00:02:01", "10.62.0.1/24");
                Guest b = Guest.create(ovs.netns, "vlb", "02:00:00:00:02:02", "10.62.0.2/24")) {
            VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("10.62.0.1"), List.of());
            backend.vifs().plug(vif("brl", a, locked));
            backend.vifs().plug(vif("brl", b, VifLocking.UNLOCKED));
            a.awaitReaches(b.ip);
            String flows = ovs.ofctl("dump-flows", "brl");
            assertTrue(flows.contains("priority=4000") && flows.contains("cookie=0x1"), flows);

            // The guest takes an address it was not given: its ARP and IP are dropped.
            a.shell("ip", "addr", "del", "10.62.0.1/24", "dev", "eth0");
            a.shell("ip", "addr", "add", "10.62.0.9/24", "dev", "eth0");
            assertTrue(a.cannotReach(b.ip), "the spoofed source 10.62.0.9 got through");

            // Unlocked, the same guest gets through: it was the rules that dropped it.
            backend.vifs().setLocking("brl", a.port, a.mac, VifLocking.UNLOCKED);
            assertFalse(ovs.ofctl("dump-flows", "brl").contains("cookie=0x1"));
            a.awaitReaches(b.ip);

            backend.vifs().setLocking("brl", a.port, a.mac, new VifLocking(VifLocking.Mode.DISABLED, List.of(), List.of()));
            assertTrue(a.cannotReach(b.ip), "a disabled VIF got through");
        } finally {
            backend.bridges().destroy("brl", true);
        }
    }

    @Test
    void bridgeStateReadsBackMacSnoopingOtherConfigVlansBondsAndTunnels() {
        try {
            backend.bridges().create("brs", null, "02:00:00:00:03:01", true,
                    Map.of("network-uuids", "n1;n2", "vswitch-controller-fail-mode", "secure"));
            BridgeState s = backend.bridges().state("brs");
            assertEquals("02:00:00:00:03:01", s.mac());
            assertEquals(Boolean.TRUE, s.igmpSnooping());
            assertEquals(Map.of("network-uuids", "n1;n2", "vswitch-controller-fail-mode", "secure"), s.otherConfig());
            assertEquals("secure", ovs.vsctl("get-fail-mode", "brs").trim());
            assertEquals("n1;n2", ovs.vsctl("br-get-external-id", "brs", "xs-network-uuids").trim().replace("\"", ""));

            // Created again with other settings: brought to these, the dropped key gone.
            backend.bridges().create("brs", null, null, false, Map.of("network-uuids", "n1"));
            s = backend.bridges().state("brs");
            assertNull(s.mac());
            assertEquals(Boolean.FALSE, s.igmpSnooping());
            assertEquals(Map.of("network-uuids", "n1"), s.otherConfig());

            backend.bridges().create("xbrs100", new Vlan("brs", 100), null, null, Map.of("network-uuids", "v"));
            assertEquals(new Vlan("brs", 100), backend.bridges().state("xbrs100").vlan());
            assertEquals(Map.of("network-uuids", "v"), backend.bridges().state("xbrs100").otherConfig());
            NetworkdException inUse = assertThrows(NetworkdException.class,
                    () -> backend.bridges().create("other100", new Vlan("brs", 100), null, null, Map.of()));
            assertEquals(NetworkdErrorCode.VLAN_IN_USE, inUse.errorCode());
            assertEquals(List.of("brs", "100"), inUse.params());
            backend.bridges().create("xbrs100", new Vlan("brs", 100), null, null, Map.of("network-uuids", "v"));
            assertTrue(backend.bridges().list().containsAll(List.of("brs", "xbrs100")));

            for (String m : List.of("bm1", "bm2", "pl1")) {
                ovs.ip("link", "add", m, "type", "veth", "peer", "name", m + "p");
            }
            PortConfig bond = PortConfig.bond(List.of("bm2", "bm1"),
                    Map.of("mode", "active-backup", "miimon", "100", "updelay", "200"), "02:00:00:00:03:09");
            backend.bridges().addPort("brs", "bond0", bond);
            PortConfig tunnel = PortConfig.tunnel(new Tunnel(Tunnel.Protocol.GRE, "192.0.2.7", "5"));
            backend.bridges().addPort("brs", "gre0", tunnel);
            backend.bridges().addPort("xbrs100", "pl1", PortConfig.of("pl1"));

            s = backend.bridges().state("brs");
            assertEquals(Map.of("bond0", bond, "gre0", tunnel), s.ports());
            assertEquals(Map.of("pl1", PortConfig.of("pl1")), backend.bridges().state("xbrs100").ports());
            assertEquals("active-backup", ovs.vsctl("get", "port", "bond0", "bond_mode").trim());
            assertEquals("200", ovs.vsctl("get", "port", "bond0", "bond_updelay").trim());
            assertEquals("\"100\"", ovs.vsctl("get", "port", "bond0", "other_config:bond-miimon-interval").trim());
            assertEquals("100", ovs.vsctl("get", "port", "pl1", "tag").trim());
            // A VLAN's NICs are its parent's (the trunk), as the original answers; tunnels are not NICs.
            assertEquals(List.of("bm1", "bm2"), backend.bridges().physicalInterfaces("xbrs100").stream()
                    .sorted().toList());

            // A bond member used on its own again leaves the bond: it cannot be in two ports.
            backend.bridges().addPort("brs", "bm1", PortConfig.of("bm1"));
            assertEquals(PortConfig.of("bm1"), backend.bridges().state("brs").ports().get("bm1"));
            assertFalse(backend.bridges().state("brs").ports().containsKey("bond0"));

            backend.bridges().removePort("brs", "gre0");
            assertFalse(backend.bridges().state("brs").ports().containsKey("gre0"));

            // Without force, a bridge its VLANs still use stays.
            backend.bridges().destroy("brs", false);
            assertTrue(backend.bridges().list().contains("brs"));
        } finally {
            backend.bridges().destroy("brs", true);
            for (String m : List.of("bm1", "bm2", "pl1")) {
                Sh.run("ip", "-n", ovs.netns, "link", "del", m);
            }
        }
        assertFalse(backend.bridges().list().contains("xbrs100"));
    }

    @Test
    void aProtectedInterfaceIsNeverPutOnABridge() {
        OpenvswitchBackend guarded = new OpenvswitchBackend(ovs.config(Map.of("protected.interfaces", "eth7, eth8")));
        guarded.bridges().create("brq", null, null, null, Map.of());
        try {
            NetworkdException e = assertThrows(NetworkdException.class,
                    () -> guarded.bridges().addPort("brq", "eth8", PortConfig.of("eth8")));
            assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
            assertEquals(Map.of(), guarded.bridges().state("brq").ports());
        } finally {
            guarded.bridges().destroy("brq", true);
        }
    }
}
