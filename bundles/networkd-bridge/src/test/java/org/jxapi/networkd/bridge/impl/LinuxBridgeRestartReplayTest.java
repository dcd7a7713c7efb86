package org.jxapi.networkd.bridge.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.impl.NetlinkEvents;
import org.jxapi.networkd.impl.NetworkdService;
import org.jxapi.networkd.impl.RecordingBackend;
import org.jxapi.networkd.linux.LinuxSettings;
import org.jxapi.networkd.linux.TestNamespace;

/**
 * The bar over a real Linux bridge (no VLAN or bond on this kernel): after a toolstack restart
 * (a new engine and backend on the same networkd.db and state directory, the namespace's devices
 * untouched) the persistent bridge with a veth port and a VXLAN port, and its static address, come back
 * with zero changes: the engine's count, the change calls reaching the backend and the kernel's own
 * reports ({@code ip monitor}) all say none. Over a drifted system, exactly what is missing.
 */
class LinuxBridgeRestartReplayTest {
    private static final String BR = "xenbr0";
    private static final Address ADDRESS = Address.parse("10.93.0.1/24");

    @TempDir
    Path dir;
    private TestNamespace sw;
    private TestNamespace far;

    @BeforeAll
    static void namespacesAvailable() {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, () -> "skipped: " + why);
    }

    @AfterEach
    void teardown() {
        if (sw != null) {
            backend().rules().dropTable();
        }
        if (far != null) {
            far.close();
        }
        if (sw != null) {
            sw.close();
        }
    }

    private LinuxBridgeBackend backend() {
        return new LinuxBridgeBackend(LinuxSettings.inNamespace(sw.name(), dir.resolve("state")), "jxapi");
    }

    /**
     * The bridge's MAC as xapi gives it (PifPlumbing: the PIF's MAC, here eth1's). Without one the
     * kernel's bridge takes its ports' lowest MAC and changes it when a port (a re-made VXLAN device,
     * random MAC) comes or goes; with one it is set once and stays.
     */
    private String mac;

    private Map<String, BridgeConfig> bridges() {
        Map<String, PortConfig> ports = new LinkedHashMap<>();
        ports.put("eth1", PortConfig.of("eth1"));
        ports.put("vx4343", PortConfig.tunnel(new Tunnel(Tunnel.Protocol.VXLAN, "10.201.0.2", "4343")));
        return Map.of(BR, new BridgeConfig(ports, null, mac, null, Map.of("network-uuids", "n-0"), true));
    }

    private static Map<String, InterfaceConfig> interfaces() {
        Map<String, InterfaceConfig> i = new LinkedHashMap<>();
        i.put("eth1", InterfaceConfig.DEFAULT.withPersistent(true));
        i.put(BR, InterfaceConfig.DEFAULT.withIpv4(new Ipv4Conf.Static(List.of(ADDRESS)), null).withPersistent(true));
        return i;
    }

    /** What the system has of the configuration: the bridge as a fresh backend reads it, and the address. */
    private Map<String, Object> system() {
        LinuxBridgeBackend b = backend();
        return Map.of(BR, b.bridges().state(BR), BR + " ipv4", b.interfaces().state(BR).ipv4());
    }

    private record Restart(int counted, List<String> reachedBackend) {
    }

    /** A toolstack start: a new engine, over a new backend object, on the same networkd.db. */
    private Restart restart() {
        RecordingBackend recording = new RecordingBackend(backend());
        NetworkdService engine = NetworkdService.open("replay", recording, dir.resolve("networkd.db"));
        return new Restart(engine.getDiagnostics("test").startupChanges(), recording.changeTargets());
    }

    @Test
    void aRestartOverAMatchingBridgeChangesNothingAndOverADriftedOneExactlyWhatIsMissing() {
        sw = TestNamespace.create();
        far = TestNamespace.create();
        // The port's veth, its peer in the other test namespace; an underlay for the VXLAN port.
        sw.veth("eth1", "eth1p");
        sw.moveTo("eth1p", far);
        far.exec("ip", "link", "set", "dev", "eth1p", "up");
        sw.veth("ul1", "ul2");
        sw.moveTo("ul2", far);
        sw.exec("ip", "addr", "add", "10.201.0.1/24", "dev", "ul1");
        sw.exec("ip", "link", "set", "dev", "ul1", "up");

        mac = sw.exec("cat", "/sys/class/net/eth1/address").strip();
        NetworkdService first = NetworkdService.open("replay", backend(), dir.resolve("networkd.db"));
        first.bridgeMakeConfig("test", false, bridges());
        sw.owns(BR);
        sw.owns("vx4343");
        first.interfaceMakeConfig("test", false, interfaces());
        // The toolstack stops here (first is not used again); the namespace's devices stay.
        Map<String, Object> configured = system();
        assertEquals(List.of(ADDRESS), configured.get(BR + " ipv4"));

        try (NetlinkEvents kernel = new NetlinkEvents(sw.name())) {
            kernel.settle();
            Restart matching = restart();
            assertEquals(0, matching.counted(), "Diagnostics.startupChanges over a matching system");
            assertEquals(List.of(), matching.reachedBackend());
            assertEquals(List.of(), kernel.fence(), "kernel changes in the switch's namespace by the restart");
            assertEquals(configured, system());

            // Drift by hand: the VXLAN port and the static address go.
            sw.exec("ip", "link", "del", "dev", "vx4343");
            sw.exec("ip", "-4", "addr", "del", ADDRESS.toString(), "dev", BR);
            assertTrue(kernel.fence().size() > 0, "the kernel monitor sees the drift");

            Restart drifted = restart();
            assertEquals(List.of("Bridge.addPort " + BR, "Interface.setIpv4 " + BR), drifted.reachedBackend());
            assertEquals(2, drifted.counted());
            assertEquals(configured, system());
            kernel.settle();

            Restart again = restart();
            assertEquals(0, again.counted());
            assertEquals(List.of(), again.reachedBackend());
            assertEquals(List.of(), kernel.fence());
            assertEquals(configured, system());
        }
    }
}
