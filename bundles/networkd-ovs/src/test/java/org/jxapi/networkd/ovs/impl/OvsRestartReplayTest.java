package org.jxapi.networkd.ovs.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.impl.NetlinkEvents;
import org.jxapi.networkd.impl.NetworkdService;
import org.jxapi.networkd.impl.RecordingBackend;
import org.jxapi.networkd.spi.BridgeState;

/**
 * The bar over a real switch: after a toolstack restart (the engine gone and made again on the
 * same networkd.db, Open vSwitch still running, as on a host) the persistent bridge with its bond,
 * VLAN fake bridges and VXLAN port, and the persistent interfaces, come back with zero changes when
 * nothing differs; over a drifted system exactly what is missing. "Zero" is observed three ways: the
 * engine's count, the change calls reaching the backend (RecordingBackend), and the system itself
 * (every client-written row change in the switch's database, every link, address and route change
 * in its namespace).
 */
class OvsRestartReplayTest {
    private static final String BR = "xenbr0";
    private static final Address ADDRESS = Address.parse("10.91.0.1/24");

    @TempDir
    static Path dir;
    private static PrivateOvs ovs;
    private static String peer;

    @BeforeAll
    static void start() {
        assumeTrue(PrivateOvs.available(), "Open vSwitch (Debian openvswitch-switch) is not installed");
        ovs = PrivateOvs.start();
        peer = Sh.unique("jxr");
        Sh.ok("ip", "netns", "add", peer);
        for (String m : List.of("m1", "m2")) {
            // Made inside the switch's namespace with the peer end in the test's other one.
            ovs.ip("link", "add", m, "type", "veth", "peer", "name", m + "p", "netns", peer);
            Sh.ok("ip", "-n", peer, "link", "set", m + "p", "up");
        }
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            Sh.run("ip", "netns", "del", peer);
        }
        if (ovs != null) {
            ovs.close();
        }
    }

    private static Map<String, BridgeConfig> bridges() {
        Map<String, BridgeConfig> b = new LinkedHashMap<>();
        Map<String, PortConfig> ports = new LinkedHashMap<>();
        ports.put("bond0", PortConfig.bond(List.of("m1", "m2"), Map.of("mode", "active-backup", "miimon", "100"),
                null));
        ports.put("vx77", PortConfig.tunnel(new Tunnel(Tunnel.Protocol.VXLAN, "10.91.0.2", "77")));
        b.put(BR, new BridgeConfig(ports, null, null, null, Map.of("network-uuids", "n-0"), true));
        b.put("xapi1", new BridgeConfig(Map.of(), new Vlan(BR, 100), null, null, Map.of("network-uuids", "n-100"),
                true));
        b.put("xapi2", new BridgeConfig(Map.of(), new Vlan(BR, 200), null, null, Map.of("network-uuids", "n-200"),
                true));
        return b;
    }

    private static Map<String, InterfaceConfig> interfaces() {
        Map<String, InterfaceConfig> i = new LinkedHashMap<>();
        i.put("m1", InterfaceConfig.DEFAULT.withPersistent(true));
        i.put("m2", InterfaceConfig.DEFAULT.withPersistent(true));
        i.put(BR, InterfaceConfig.DEFAULT.withIpv4(new Ipv4Conf.Static(List.of(ADDRESS)), null).withPersistent(true));
        return i;
    }

    /** What the system has of the configuration: the three bridges as the backend reads them, and the address. */
    private static Map<String, Object> system() {
        OpenvswitchBackend b = ovs.backend();
        Map<String, Object> s = new LinkedHashMap<>();
        for (String name : bridges().keySet()) {
            BridgeState state = b.bridges().state(name);
            s.put(name, state);
        }
        s.put(BR + " ipv4", b.interfaces().state(BR).ipv4());
        return s;
    }

    /** A toolstack start: a new engine, over a new backend object, on the same networkd.db. */
    private static Restart restart() {
        RecordingBackend recording = new RecordingBackend(ovs.backend());
        NetworkdService engine = NetworkdService.open("replay", recording, dir.resolve("networkd.db"));
        return new Restart(engine.getDiagnostics("test").startupChanges(), recording.changeTargets());
    }

    private record Restart(int counted, List<String> reachedBackend) {
    }

    @Test
    void aRestartOverAMatchingSwitchChangesNothingAndOverADriftedOneExactlyWhatIsMissing() {
        NetworkdService first = NetworkdService.open("replay", ovs.backend(), dir.resolve("networkd.db"));
        first.bridgeMakeConfig("test", false, bridges());
        first.interfaceMakeConfig("test", false, interfaces());
        // The toolstack stops here (first is not used again); the switch and its devices stay.
        Map<String, Object> configured = system();
        assertEquals(List.of(ADDRESS), configured.get(BR + " ipv4"));
        assertEquals(new Vlan(BR, 200), ((BridgeState) configured.get("xapi2")).vlan());

        try (OvsdbEvents db = new OvsdbEvents(ovs, "jxdbfence");
                NetlinkEvents kernel = new NetlinkEvents(ovs.netns)) {
            kernel.settle();
            Restart matching = restart();
            assertEquals(0, matching.counted(), "Diagnostics.startupChanges over a matching system");
            assertEquals(List.of(), matching.reachedBackend());
            assertEquals(List.of(), db.fence(), "switch database rows changed by the restart");
            assertEquals(List.of(), kernel.fence(), "kernel changes in the switch's namespace by the restart");
            assertEquals(configured, system());

            // Drift by hand: one VLAN fake bridge and the static address go.
            ovs.vsctl("del-br", "xapi2");
            ovs.ip("-4", "addr", "del", ADDRESS.toString(), "dev", BR);
            assertTrue(db.fence().size() > 0, "the database monitor sees a del-br");
            assertTrue(kernel.fence().size() > 0, "the kernel monitor sees an address removed");

            Restart drifted = restart();
            assertEquals(List.of("Bridge.create xapi2", "Interface.setIpv4 " + BR), drifted.reachedBackend());
            assertEquals(2, drifted.counted());
            assertEquals(configured, system());
            db.fence();
            kernel.settle();

            Restart again = restart();
            assertEquals(0, again.counted());
            assertEquals(List.of(), again.reachedBackend());
            assertEquals(List.of(), db.fence());
            assertEquals(List.of(), kernel.fence());
            assertEquals(configured, system());
        }
    }
}
