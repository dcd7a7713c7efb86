package org.jxapi.networkd.bridge.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.linux.LinuxSettings;
import org.jxapi.networkd.linux.NetnsRunner;
import org.jxapi.networkd.linux.TestNamespace;
import org.jxapi.networkd.spi.BridgeState;

/**
 * The bridge backend for real: a switch namespace the test makes holds the bridge; each guest is
 * another namespace holding one end of a veth whose other end is plugged as the VIF device. Everything
 * is made inside those namespaces and deleted by name, the namespaces last.
 */
class LinuxBridgeBackendTest {
    private static final String BR = "xenbr0";

    @TempDir
    Path dir;
    private final List<TestNamespace> namespaces = new ArrayList<>();
    private TestNamespace sw;
    private LinuxBridgeBackend backend;

    @BeforeAll
    static void namespacesAvailable() {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
    }

    @BeforeEach
    void switchNamespace() {
        sw = namespace();
        backend = backendIn(sw, dir);
    }

    private TestNamespace namespace() {
        TestNamespace ns = TestNamespace.create();
        namespaces.add(0, ns);
        return ns;
    }

    private static LinuxBridgeBackend backendIn(TestNamespace ns, Path stateDir) {
        return new LinuxBridgeBackend(LinuxSettings.inNamespace(ns.name(), stateDir), "jxapi");
    }

    @AfterEach
    void teardown() {
        // Guests first, the switch namespace (created first) last.
        for (TestNamespace ns : namespaces) {
            if (ns == sw) {
                continue;
            }
            ns.close();
        }
        backend.rules().dropTable();
        sw.close();
    }

    /** A guest namespace whose {@code eth0} is the peer of {@code vif} in the switch namespace. */
    private TestNamespace guest(TestNamespace host, String vif, String cidr) {
        TestNamespace g = namespace();
        host.veth(vif, vif + "g");
        host.moveTo(vif + "g", g);
        g.exec("ip", "link", "set", "dev", vif + "g", "name", "eth0");
        g.owns("eth0");
        g.exec("ip", "addr", "add", cidr, "dev", "eth0");
        g.exec("ip", "link", "set", "dev", "eth0", "up");
        return g;
    }

    private static String mac(TestNamespace g) {
        return g.exec("cat", "/sys/class/net/eth0/address").strip();
    }

    private static boolean ping(TestNamespace from, String source, String to) {
        CommandResult r = source == null ? from.run("ping", "-n", "-q", "-c", "1", "-W", "1", to)
                : from.run("ping", "-n", "-q", "-c", "1", "-W", "1", "-I", source, to);
        return r.ok();
    }

    /** Three pings a second apart all fail: what a drop rule does, not one lost packet. */
    private static void assertNoPing(TestNamespace from, String source, String to) {
        CommandResult r = from.run("ping", "-n", "-q", "-c", "3", "-i", "0.3", "-W", "1", "-I", source, to);
        assertFalse(r.ok(), "expected no reply from " + to + " to " + source + ": " + r.stdout());
        assertTrue(r.stdout().contains("100% packet loss"), r.stdout());
    }

    private static void awaitPing(TestNamespace from, String source, String to) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> ping(from, source, to));
    }

    private VifPort vif(String device, String mac, VifLocking locking, long rate) {
        return new VifPort(BR, device, "vm-" + device + "/0", mac, 1500, true, locking, rate);
    }

    @Test
    void twoGuestsOnOneBridgePingEachOtherUntilOneIsUnplugged() {
        backend.bridges().create(BR, null, null, null, Map.of("network-uuid", "n1"));
        sw.owns(BR);
        TestNamespace g1 = guest(sw, "vif1", "10.77.0.1/24");
        TestNamespace g2 = guest(sw, "vif2", "10.77.0.2/24");
        backend.vifs().plug(vif("vif1", mac(g1), VifLocking.UNLOCKED, 0));
        backend.vifs().plug(vif("vif2", mac(g2), VifLocking.UNLOCKED, 0));

        awaitPing(g1, "10.77.0.1", "10.77.0.2");
        assertEquals(List.of("vif1", "vif2"), backend.vifs().devices(BR));
        BridgeState st = backend.bridges().state(BR);
        assertEquals(Map.of("network-uuid", "n1"), st.otherConfig());
        assertEquals(Map.of(), st.ports(), "guests' ports are not the bridge's own");
        assertFalse(backend.rules().has("vif1"), "an unlocked, unlimited VIF has no chain");

        // No carrier: the port is down and carries nothing until the carrier is back.
        VifPort vif2 = vif("vif2", mac(g2), VifLocking.UNLOCKED, 0);
        backend.vifs().plug(new VifPort(BR, "vif2", vif2.vifId(), vif2.mac(), 1500, false, VifLocking.UNLOCKED, 0));
        assertNoPing(g1, "10.77.0.1", "10.77.0.2");
        backend.vifs().plug(vif2);
        awaitPing(g1, "10.77.0.1", "10.77.0.2");

        backend.vifs().unplug(BR, "vif1");
        assertEquals(List.of("vif2"), backend.vifs().devices(BR));
        assertNoPing(g1, "10.77.0.1", "10.77.0.2");
    }

    @Test
    void aLockedVifsSpoofedSourceIsDroppedAndItsAllowedAddressPasses() {
        backend.bridges().create(BR, null, null, null, Map.of());
        sw.owns(BR);
        TestNamespace g1 = guest(sw, "vif1", "10.77.0.1/24");
        TestNamespace g2 = guest(sw, "vif2", "10.77.0.2/24");
        g1.exec("ip", "addr", "add", "10.77.0.99/24", "dev", "eth0");
        // Static neighbours: only the source IP differs between the two pings, not ARP.
        g2.exec("ip", "neigh", "replace", "10.77.0.1", "lladdr", mac(g1), "dev", "eth0", "nud", "permanent");
        g2.exec("ip", "neigh", "replace", "10.77.0.99", "lladdr", mac(g1), "dev", "eth0", "nud", "permanent");
        g1.exec("ip", "neigh", "replace", "10.77.0.2", "lladdr", mac(g2), "dev", "eth0", "nud", "permanent");
        VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("10.77.0.1"), List.of());
        backend.vifs().plug(vif("vif1", mac(g1), locked, 0));
        backend.vifs().plug(vif("vif2", mac(g2), VifLocking.UNLOCKED, 0));

        awaitPing(g1, "10.77.0.1", "10.77.0.2");
        assertNoPing(g1, "10.77.0.99", "10.77.0.2");
        assertTrue(backend.rules().list("vif1").contains("10.77.0.1"));

        // The same spoofed ping passes once the VIF is unlocked: the drop above was the lock's.
        backend.vifs().setLocking(BR, "vif1", mac(g1), VifLocking.UNLOCKED);
        assertFalse(backend.rules().has("vif1"));
        awaitPing(g1, "10.77.0.99", "10.77.0.2");

        backend.vifs().setLocking(BR, "vif1", mac(g1), new VifLocking(VifLocking.Mode.DISABLED, List.of(), List.of()));
        assertNoPing(g1, "10.77.0.1", "10.77.0.2");
    }

    @Test
    void aLockedVifsSpoofedIpv6SourceIsDroppedAndItsAllowedOnePasses() {
        backend.bridges().create(BR, null, null, null, Map.of());
        sw.owns(BR);
        TestNamespace g1 = guest(sw, "vif1", "10.77.0.1/24");
        TestNamespace g2 = guest(sw, "vif2", "10.77.0.2/24");
        g1.exec("ip", "-6", "addr", "add", "fd00:77::1/64", "dev", "eth0", "nodad");
        g1.exec("ip", "-6", "addr", "add", "fd00:77::99/64", "dev", "eth0", "nodad");
        g2.exec("ip", "-6", "addr", "add", "fd00:77::2/64", "dev", "eth0", "nodad");
        // Static neighbours: only the IPv6 source differs between the two pings, not neighbour discovery.
        g2.exec("ip", "-6", "neigh", "replace", "fd00:77::1", "lladdr", mac(g1), "dev", "eth0", "nud", "permanent");
        g2.exec("ip", "-6", "neigh", "replace", "fd00:77::99", "lladdr", mac(g1), "dev", "eth0", "nud", "permanent");
        g1.exec("ip", "-6", "neigh", "replace", "fd00:77::2", "lladdr", mac(g2), "dev", "eth0", "nud", "permanent");
        VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("10.77.0.1"), List.of("fd00:77::1"));
        backend.vifs().plug(vif("vif1", mac(g1), locked, 0));
        backend.vifs().plug(vif("vif2", mac(g2), VifLocking.UNLOCKED, 0));

        awaitPing(g1, "fd00:77::1", "fd00:77::2");
        assertNoPing(g1, "fd00:77::99", "fd00:77::2");
        backend.vifs().setLocking(BR, "vif1", mac(g1), VifLocking.UNLOCKED);
        awaitPing(g1, "fd00:77::99", "fd00:77::2");
    }

    /** Percent of 60 pings of 1400 bytes at 100 per second (84 kbit/s of requests alone) that got no reply. */
    private static int lossPercent(TestNamespace from, String to) {
        CommandResult r = from.run("ping", "-n", "-q", "-c", "60", "-i", "0.01", "-s", "1400", "-W", "1", to);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)% packet loss").matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aRateLimitPolicesWhatTheGuestSendsAndGoesWithUnplug() {
        backend.bridges().create(BR, null, null, null, Map.of());
        sw.owns(BR);
        TestNamespace g1 = guest(sw, "vif1", "10.77.0.1/24");
        TestNamespace g2 = guest(sw, "vif2", "10.77.0.2/24");
        backend.vifs().plug(vif("vif2", mac(g2), VifLocking.UNLOCKED, 0));
        backend.vifs().plug(vif("vif1", mac(g1), VifLocking.UNLOCKED, 0));
        awaitPing(g1, "10.77.0.1", "10.77.0.2");
        int unlimited = lossPercent(g1, "10.77.0.2");

        // 16 kbit/s: a sixth of what the pings send, after a 16 kB burst.
        backend.vifs().plug(vif("vif1", mac(g1), VifLocking.UNLOCKED, 16));
        assertTrue(backend.rules().list("vif1").contains("limit rate over 2 kbytes/second"),
                backend.rules().list("vif1"));
        int limited = lossPercent(g1, "10.77.0.2");
        assertTrue(unlimited <= 10 && limited >= 40, "loss unlimited " + unlimited + "%, limited " + limited + "%");

        backend.vifs().unplug(BR, "vif1");
        assertFalse(backend.rules().has("vif1"));
        assertEquals(List.of("vif2"), backend.vifs().devices(BR));
    }

    @Test
    void vlanBridgesAndBondsFailWithKernelFeatureMissingOnAKernelWithout() {
        backend.bridges().create(BR, null, null, null, Map.of());
        sw.owns(BR);
        NetnsRunner runner = new NetnsRunner(sw.name(), Duration.ofSeconds(10));
        CommandResult vlanProbe = runner.run("ip", "link", "add", "link", "lo", "name", "jxt", "type", "vlan", "id",
                "1");
        CommandResult bondProbe = runner.run("ip", "link", "add", "name", "jxtb", "type", "bond");
        if (bondProbe.ok()) {
            runner.run("ip", "link", "del", "dev", "jxtb");
        }
        assumeTrue(vlanProbe.stderr().contains("Unknown device type"), "skipped: this kernel has 8021q");
        NetworkdException v = assertThrows(NetworkdException.class,
                () -> backend.bridges().create("xapi1", new Vlan(BR, 100), null, null, Map.of()));
        assertEquals(NetworkdErrorCode.KERNEL_FEATURE_MISSING, v.errorCode());
        assertEquals("8021q", v.params().get(0));
        assertTrue(v.params().get(1).contains("openvswitch"), v.params().get(1));
        assertNull(backend.bridges().state("xapi1"), "nothing was made");

        assumeTrue(bondProbe.stderr().contains("Unknown device type"), "skipped: this kernel has bonding");
        sw.veth("eth1", "eth1p");
        sw.veth("eth2", "eth2p");
        NetworkdException b = assertThrows(NetworkdException.class, () -> backend.bridges().addPort(BR, "bond0",
                PortConfig.bond(List.of("eth1", "eth2"), Map.of("mode", "active-backup"), null)));
        assertEquals(NetworkdErrorCode.KERNEL_FEATURE_MISSING, b.errorCode());
        assertEquals("bonding", b.params().get(0));
        assertEquals(List.of(), backend.bridges().interfaces(BR));
    }

    @Test
    void plainPortsAreTheBridgesOwnAndProtectedInterfacesAreRefused() {
        backend.bridges().create(BR, null, "02:00:00:00:aa:01", Boolean.FALSE, Map.of());
        sw.owns(BR);
        sw.veth("eth1", "eth1p");
        backend.bridges().addPort(BR, "eth1", PortConfig.of("eth1"));
        BridgeState st = backend.bridges().state(BR);
        assertEquals(Map.of("eth1", PortConfig.of("eth1")), st.ports());
        assertEquals("02:00:00:00:aa:01", st.mac());
        assertEquals(Boolean.FALSE, st.igmpSnooping());
        assertTrue(backend.bridges().list().contains(BR));
        assertEquals(List.of("eth1"), backend.bridges().interfaces(BR));
        backend.bridges().removePort(BR, "eth1");
        assertEquals(Map.of(), backend.bridges().state(BR).ports());

        LinuxBridgeBackend guarded = new LinuxBridgeBackend(
                new LinuxSettings(sw.name(), "eth1", "", dir.resolve("guarded"), "", null), "jxapi");
        NetworkdException e = assertThrows(NetworkdException.class,
                () -> guarded.bridges().addPort(BR, "eth1", PortConfig.of("eth1")));
        assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
        assertFalse(sw.exec("ip", "-j", "link", "show", "dev", "eth1").contains("\"master\""), "eth1 stayed off the bridge");
    }

    @Test
    void otherConfigAndGuestsPortsSurviveANewInstance() {
        backend.bridges().create(BR, null, null, null, Map.of("network-uuid", "n1"));
        sw.owns(BR);
        TestNamespace g1 = guest(sw, "vif1", "10.77.0.1/24");
        backend.vifs().plug(vif("vif1", mac(g1), VifLocking.UNLOCKED, 0));
        LinuxBridgeBackend restarted = backendIn(sw, dir);
        assertEquals(Map.of("network-uuid", "n1"), restarted.bridges().state(BR).otherConfig());
        assertEquals(List.of("vif1"), restarted.vifs().devices(BR));
        backend.bridges().destroy(BR, false);
        assertTrue(restarted.bridges().list().contains(BR), "a bridge with guests stays unless forced");
        backend.bridges().destroy(BR, true);
        assertFalse(restarted.bridges().list().contains(BR));
    }

    @Test
    void vxlanTunnelPortsJoinTwoHostsNetworksAndGreNeedsGretap() {
        // Two "hosts": this switch namespace and another, joined by an underlay veth.
        TestNamespace sw2 = namespace();
        LinuxBridgeBackend backend2 = backendIn(sw2, dir.resolve("host2"));
        sw.veth("ul1", "ul2");
        sw.moveTo("ul2", sw2);
        sw.exec("ip", "addr", "add", "10.200.0.1/24", "dev", "ul1");
        sw.exec("ip", "link", "set", "dev", "ul1", "up");
        sw2.exec("ip", "addr", "add", "10.200.0.2/24", "dev", "ul2");
        sw2.exec("ip", "link", "set", "dev", "ul2", "up");
        backend.bridges().create(BR, null, null, null, Map.of());
        sw.owns(BR);
        backend2.bridges().create(BR, null, null, null, Map.of());
        sw2.owns(BR);
        Tunnel to2 = new Tunnel(Tunnel.Protocol.VXLAN, "10.200.0.2", "4242");
        backend.bridges().addPort(BR, "vx4242", PortConfig.tunnel(to2));
        sw.owns("vx4242");
        backend2.bridges().addPort(BR, "vx4242", PortConfig.tunnel(new Tunnel(Tunnel.Protocol.VXLAN, "10.200.0.1",
                "4242")));
        sw2.owns("vx4242");
        assertEquals(Map.of("vx4242", PortConfig.tunnel(to2)), backend.bridges().state(BR).ports());
        TestNamespace g1 = guest(sw, "vif1", "10.78.0.1/24");
        TestNamespace g2 = guest(sw2, "vif2", "10.78.0.2/24");
        backend.vifs().plug(vif("vif1", mac(g1), VifLocking.UNLOCKED, 0));
        backend2.vifs().plug(vif("vif2", mac(g2), VifLocking.UNLOCKED, 0));

        awaitPing(g1, "10.78.0.1", "10.78.0.2");

        backend.bridges().removePort(BR, "vx4242");
        assertEquals(Map.of(), backend.bridges().state(BR).ports());
        assertNoPing(g1, "10.78.0.1", "10.78.0.2");

        CommandResult gre = sw.run("ip", "link", "add", "name", "jxgre", "type", "gretap", "remote", "192.0.2.1");
        if (gre.ok()) {
            sw.owns("jxgre");
        }
        assumeTrue(gre.stderr().contains("Unknown device type"), "skipped: this kernel has gretap");
        NetworkdException e = assertThrows(NetworkdException.class, () -> backend.bridges().addPort(BR, "gre1",
                PortConfig.tunnel(new Tunnel(Tunnel.Protocol.GRE, "10.200.0.2", null))));
        assertEquals(NetworkdErrorCode.NOT_IMPLEMENTED, e.errorCode());
        backend2.rules().dropTable();
    }
}
