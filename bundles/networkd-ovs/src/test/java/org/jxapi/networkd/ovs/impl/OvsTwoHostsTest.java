package org.jxapi.networkd.ovs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;

/**
 * Two hosts, each a private Open vSwitch in its own namespace, joined by veths: a VLAN trunk between
 * their bridges, and an underlay with addresses that carries a VXLAN tunnel.
 */
class OvsTwoHostsTest {
    private static PrivateOvs h1;
    private static PrivateOvs h2;
    private static OpenvswitchBackend b1;
    private static OpenvswitchBackend b2;

    @BeforeAll
    static void startHosts() {
        assumeTrue(PrivateOvs.available(), "Open vSwitch (Debian openvswitch-switch) is not installed");
        h1 = PrivateOvs.start();
        h2 = PrivateOvs.start();
        b1 = h1.backend();
        b2 = h2.backend();
    }

    @AfterAll
    static void stopHosts() {
        if (h1 != null) {
            h1.close();
        }
        if (h2 != null) {
            h2.close();
        }
    }

    /** A veth from one host's namespace to the other's, both ends up and without offloads. */
    private static void link(String end1, String end2) {
        h1.ip("link", "add", end1, "type", "veth", "peer", "name", end2, "netns", h2.netns);
        h1.ip("link", "set", end1, "up");
        h2.ip("link", "set", end2, "up");
        Guest.offloadsOff(h1.netns, end1);
        Guest.offloadsOff(h2.netns, end2);
    }

    private static void plug(OpenvswitchBackend b, String bridge, Guest g) {
        b.vifs().plug(new VifPort(bridge, g.port, g.port + "/0", g.mac, 1500, true, VifLocking.UNLOCKED, 0));
    }

    @Test
    void guestsOnVlan100And200ReachTheirOwnTagsPeerOnTheOtherHostOnly() {
        for (OpenvswitchBackend b : new OpenvswitchBackend[] {b1, b2}) {
            b.bridges().create("brt", null, null, null, Map.of());
            b.bridges().create("xapi100", new Vlan("brt", 100), null, null, Map.of());
            b.bridges().create("xapi200", new Vlan("brt", 200), null, null, Map.of());
        }
        link("trunk1", "trunk2");
        b1.bridges().addPort("brt", "trunk1", PortConfig.of("trunk1"));
        b2.bridges().addPort("brt", "trunk2", PortConfig.of("trunk2"));
        // One subnet for all four: only the tags keep them apart.
        try (Guest a1 = Guest.create(h1.netns, "va1", "02:00:00:00:10:01", "10.70.0.1/24");
                Guest c1 = Guest.create(h1.netns, "vc1", "02:00:00:00:10:02", "10.70.0.2/24");
                Guest a2 = Guest.create(h2.netns, "va2", "02:00:00:00:10:03", "10.70.0.3/24");
                Guest c2 = Guest.create(h2.netns, "vc2", "02:00:00:00:10:04", "10.70.0.4/24")) {
            plug(b1, "xapi100", a1);
            plug(b1, "xapi200", c1);
            plug(b2, "xapi100", a2);
            plug(b2, "xapi200", c2);

            a1.awaitReaches(a2.ip);
            c1.awaitReaches(c2.ip);
            assertTrue(a1.cannotReach(c2.ip), "VLAN 100 reached VLAN 200 across the trunk");
            assertTrue(a1.cannotReach(c1.ip), "VLAN 100 reached VLAN 200 on one host");
            assertEquals("100", h1.vsctl("get", "port", "va1", "tag").trim());
        } finally {
            b1.bridges().destroy("brt", true);
            b2.bridges().destroy("brt", true);
            Sh.run("ip", "-n", h1.netns, "link", "del", "trunk1");
        }
    }

    @Test
    void aVxlanTunnelBetweenTheHostsCarriesAGuestsPing() {
        // The underlay: a bridge on each host holding the veth, its own device carrying the address,
        // as the userspace datapath sends tunnel packets through the bridge its route points at.
        link("ul1", "ul2");
        int n = 1;
        for (PrivateOvs h : new PrivateOvs[] {h1, h2}) {
            OpenvswitchBackend b = h == h1 ? b1 : b2;
            b.bridges().create("brul", null, null, null, Map.of());
            b.bridges().addPort("brul", "ul" + n, PortConfig.of("ul" + n));
            h.ip("addr", "add", "192.168.71." + n + "/24", "dev", "brul");
            h.ip("link", "set", "brul", "up");
            b.bridges().create("brx", null, null, null, Map.of());
            PortConfig tunnel = PortConfig.tunnel(new Tunnel(Tunnel.Protocol.VXLAN, "192.168.71." + (3 - n), "4242"));
            b.bridges().addPort("brx", "vx0", tunnel);
            assertEquals(Map.of("vx0", tunnel), b.bridges().state("brx").ports());
            n++;
        }
        try (Guest t1 = Guest.create(h1.netns, "vt1", "02:00:00:00:11:01", "10.71.0.1/24");
                Guest t2 = Guest.create(h2.netns, "vt2", "02:00:00:00:11:02", "10.71.0.2/24")) {
            // The tunnel's header does not fit a 1500-byte underlay frame otherwise.
            t1.shell("ip", "link", "set", "eth0", "mtu", "1400");
            t2.shell("ip", "link", "set", "eth0", "mtu", "1400");
            plug(b1, "brx", t1);
            plug(b2, "brx", t2);
            t1.awaitReaches(t2.ip);
            assertTrue(t2.ping(t1.ip));
        } finally {
            for (OpenvswitchBackend b : new OpenvswitchBackend[] {b1, b2}) {
                b.bridges().destroy("brx", true);
                b.bridges().destroy("brul", true);
            }
            Sh.run("ip", "-n", h1.netns, "link", "del", "ul1");
        }
    }
}
