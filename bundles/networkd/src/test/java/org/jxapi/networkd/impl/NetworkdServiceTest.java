package org.jxapi.networkd.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.simulator.impl.SimulatorBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkdServiceTest {
    @TempDir
    Path dir;
    SimulatorBackend sim;
    NetworkdService networkd;

    @BeforeEach
    void setUp() {
        sim = SimulatorBackend.create();
        networkd = start(ProtectedInterfaces.none());
    }

    private NetworkdService start(ProtectedInterfaces protection) {
        NetworkdService s = new NetworkdService("test", "simulator", sim, new ConfigStore(dir.resolve("networkd.db")),
                protection);
        s.start();
        return s;
    }

    /** The benchmark's shape: one bridge on a bond of both NICs, four VLAN bridges, all persistent. */
    private static Map<String, BridgeConfig> bridges(boolean persistent) {
        Map<String, BridgeConfig> c = new LinkedHashMap<>();
        for (int tag = 100; tag <= 400; tag += 100) {
            // VLAN bridges first on purpose: the engine must make their parent before them.
            c.put("xapi" + tag, new BridgeConfig(Map.of(), new Vlan("xenbr0", tag), null, null, Map.of(), persistent));
        }
        c.put("xenbr0", new BridgeConfig(Map.of("bond0",
                PortConfig.bond(List.of("sim0", "sim1"), Map.of("mode", "active-backup"), null)), null, null, null,
                Map.of("network-uuids", "n0"), persistent));
        return c;
    }

    private static Map<String, InterfaceConfig> interfaces(boolean persistent) {
        return Map.of("xenbr0", new InterfaceConfig(Ipv4Conf.of(Address.parse("192.0.2.10/24")), "192.0.2.1", null,
                null, List.of(), null, 9000, Map.of(), Map.of(), persistent));
    }

    @Test
    void makeConfigTwiceAppliesNothingTheSecondTime() {
        networkd.bridgeMakeConfig("t", false, bridges(false));
        networkd.interfaceMakeConfig("t", false, interfaces(false));
        assertTrue(networkd.getDiagnostics("t").lastMakeConfigChanges() > 0);
        assertEquals(List.of("xenbr0", "xapi100", "xapi200", "xapi300", "xapi400"), sim.bridges().list(),
                "parents before their VLAN bridges");
        assertEquals(9000, networkd.interfaceGetMtu("t", "xenbr0"));
        assertTrue(networkd.interfaceIsUp("t", "xenbr0"));
        sim.clearChanges();
        int before = networkd.changesApplied();
        networkd.bridgeMakeConfig("t", false, bridges(false));
        assertEquals(0, networkd.getDiagnostics("t").lastMakeConfigChanges());
        networkd.interfaceMakeConfig("t", false, interfaces(false));
        assertEquals(0, networkd.getDiagnostics("t").lastMakeConfigChanges());
        assertEquals(before, networkd.changesApplied());
        assertEquals(List.of(), sim.changes(), "no change reached the backend");
    }

    @Test
    void theReplayOverASystemThatMatchesAppliesNoChange() {
        networkd.bridgeMakeConfig("t", false, bridges(true));
        networkd.interfaceMakeConfig("t", false, interfaces(true));
        sim.clearChanges();
        NetworkdService restarted = start(ProtectedInterfaces.none());
        assertEquals(0, restarted.getDiagnostics("t").startupChanges());
        assertEquals(0, restarted.changesApplied());
        assertEquals(List.of(), sim.changes());
    }

    @Test
    void theReplayOverADriftedSystemAppliesExactlyWhatIsMissing() {
        networkd.bridgeMakeConfig("t", false, bridges(true));
        networkd.interfaceMakeConfig("t", false, interfaces(true));
        // The system drifts while networkd is down: a VLAN bridge goes, the MTU changes.
        sim.bridges().destroy("xapi300", true);
        sim.interfaces().setMtu("xenbr0", 1500);
        sim.clearChanges();
        NetworkdService restarted = start(ProtectedInterfaces.none());
        assertEquals(List.of("Bridge.create xapi300", "Interface.set_mtu xenbr0 9000"), sim.changes());
        assertEquals(2, restarted.getDiagnostics("t").startupChanges());
        assertEquals(2, restarted.changesApplied());
    }

    @Test
    void theReplayLeavesWhatIsNotPersistentAlone() {
        Map<String, BridgeConfig> c = new LinkedHashMap<>(bridges(false));
        c.put("xapi100", c.get("xapi100").withPersistent(true));
        networkd.bridgeMakeConfig("t", false, c);
        networkd.interfaceMakeConfig("t", false, interfaces(false));
        for (String b : List.of("xapi100", "xapi200", "xenbr0")) {
            sim.bridges().destroy(b, true);
        }
        sim.clearChanges();
        NetworkdService restarted = start(ProtectedInterfaces.none());
        assertEquals(List.of("Bridge.create xenbr0", "Bridge.add_port xenbr0 bond0", "Bridge.create xapi100"),
                sim.changes(), "the persistent VLAN bridge and the parent it needs, nothing else");
        assertEquals(3, restarted.getDiagnostics("t").startupChanges());
    }

    @Test
    void eachAcknowledgedChangeIsInNetworkdDb() throws Exception {
        networkd.bridgeCreate("t", null, null, null, Map.of(), "xenbr0");
        networkd.bridgeAddPort("t", null, "xenbr0", "sim0", List.of("sim0"), Map.of(), null);
        networkd.bridgeSetPersistent("t", "xenbr0", true);
        String db = Files.readString(dir.resolve("networkd.db"));
        assertTrue(db.contains("\"bridge_config\""), db);
        assertTrue(db.contains("\"persistent_b\" : true"), db);
        assertTrue(db.contains("\"sim0\""), db);
        networkd.bridgeDestroy("t", true, "xenbr0");
        assertFalse(Files.readString(dir.resolve("networkd.db")).contains("xenbr0"));
    }

    @Test
    void addingAPortToAMissingBridgeIsDoesNotExistAndASecondVlanBridgeForATagIsVlanInUse() {
        NetworkdException e = assertThrows(NetworkdException.class,
                () -> networkd.bridgeAddPort("t", null, "nope", "sim0", List.of("sim0"), Map.of(), null));
        assertEquals(NetworkdErrorCode.DOES_NOT_EXIST, e.errorCode());
        networkd.bridgeMakeConfig("t", false, bridges(false));
        e = assertThrows(NetworkdException.class,
                () -> networkd.bridgeCreate("t", new Vlan("xenbr0", 100), null, null, Map.of(), "other"));
        assertEquals(NetworkdErrorCode.VLAN_IN_USE, e.errorCode());
        assertTrue(networkd.interfaceHasVlan("t", "sim0", 100));
        assertFalse(networkd.interfaceHasVlan("t", "sim0", 500));
    }

    @Test
    void aProtectedInterfaceIsNeverChanged() {
        NetworkdService guarded = start(new ProtectedInterfaces(java.util.Set.of("sim1"), true));
        sim.clearChanges();
        NetworkdException e = assertThrows(NetworkdException.class, () -> guarded.interfaceMakeConfig("t", false,
                Map.of("sim1", InterfaceConfig.DEFAULT.withMtu(9000))));
        assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
        assertEquals(List.of("sim1"), e.params());
        guarded.bridgeCreate("t", null, null, null, Map.of(), "xenbr1");
        e = assertThrows(NetworkdException.class,
                () -> guarded.bridgeAddPort("t", null, "xenbr1", "sim1", List.of("sim1"), Map.of(), null));
        assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
        assertEquals(List.of("Bridge.create xenbr1"), sim.changes());
        assertEquals(1500, sim.interfaces().state("sim1").mtu());
        guarded.interfaceMakeConfig("t", false, Map.of("sim0", InterfaceConfig.DEFAULT.withMtu(9000)));
        assertEquals(9000, sim.interfaces().state("sim0").mtu(), "the others still change");
    }

    @Test
    void anInterfaceAddressedByAnotherIsProtectedInTheHostsNamespace(@TempDir Path procNet) {
        // Someone else gave sim1 an address; networkd.db knows only sim0.
        sim.interfaces().setIpv4("sim1", Ipv4Conf.of(Address.parse("192.0.2.99/24")), null);
        networkd.interfaceMakeConfig("t", false, Map.of("sim0", InterfaceConfig.DEFAULT.withIpv4(
                Ipv4Conf.of(Address.parse("192.0.2.98/24")), null)));
        sim.clearChanges();
        NetworkdService host = start(ProtectedInterfaces.of("addressed", "", procNet));
        NetworkdException e = assertThrows(NetworkdException.class, () -> host.interfaceMakeConfig("t", false,
                Map.of("sim1", InterfaceConfig.DEFAULT)));
        assertEquals(NetworkdErrorCode.INTERFACE_PROTECTED, e.errorCode());
        assertEquals(List.of("sim1"), e.params());
        host.interfaceMakeConfig("t", false, Map.of("sim0", InterfaceConfig.DEFAULT.withMtu(9000)));
        assertEquals(List.of("Interface.set_mtu sim0 9000", "Interface.set_ipv4_conf sim0"), sim.changes(),
                "what networkd configured itself it still changes");
        NetworkdService inANamespace = start(ProtectedInterfaces.of("addressed", "jxtest0", procNet));
        inANamespace.interfaceMakeConfig("t", false, Map.of("sim1", InterfaceConfig.DEFAULT));
        assertEquals(List.of(), sim.interfaces().state("sim1").ipv4());
    }

    @Test
    void setIpv4ConfChangesOnlyWhatDiffersAndIsRemembered() {
        Ipv4Conf conf = Ipv4Conf.of(Address.parse("192.0.2.7/24"));
        networkd.interfaceSetIpv4Conf("t", "sim0", conf);
        assertEquals(List.of(Address.parse("192.0.2.7/24")), networkd.interfaceGetIpv4Addr("t", "sim0"));
        sim.clearChanges();
        networkd.interfaceSetIpv4Conf("t", "sim0", conf);
        assertEquals(List.of(), sim.changes());
        assertTrue(networkd.rememberedInterfaces().contains("sim0"));
        NetworkdException e = assertThrows(NetworkdException.class,
                () -> networkd.interfaceSetIpv4Conf("t", "nope", conf));
        assertEquals(NetworkdErrorCode.DOES_NOT_EXIST, e.errorCode());
    }

    @Test
    void aVifIsPluggedLockedAndMovedAndAVifOnAMissingBridgeDoesNotExist() {
        networkd.bridgeCreate("t", null, null, null, Map.of(), "xenbr0");
        networkd.bridgeCreate("t", null, null, null, Map.of(), "xenbr1");
        sim.addGuestDevice("tap3.0");
        VifPort port = new VifPort("xenbr0", "tap3.0", "vm/0", "00:16:3e:00:00:03", 1500, true, VifLocking.UNLOCKED, 0);
        networkd.vifPlug("t", port);
        VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.30"), List.of());
        networkd.vifSetLocking("t", "xenbr0", "tap3.0", port.mac(), locked);
        assertEquals(locked, sim.vif("xenbr0", "tap3.0").orElseThrow().locking());
        networkd.vifMove("t", port.onBridge("xenbr1").withLocking(locked), "xenbr0");
        assertTrue(sim.vif("xenbr0", "tap3.0").isEmpty());
        assertEquals(locked, sim.vif("xenbr1", "tap3.0").orElseThrow().locking());
        networkd.vifUnplug("t", "xenbr1", "tap3.0");
        assertEquals(List.of(), sim.vifs().devices("xenbr1"));
        NetworkdException e = assertThrows(NetworkdException.class, () -> networkd.vifPlug("t", port.onBridge("nope")));
        assertEquals(NetworkdErrorCode.DOES_NOT_EXIST, e.errorCode());
    }

    @Test
    void portsAndBondsComeFromTheSystemOrTheCache() {
        networkd.bridgeMakeConfig("t", false, bridges(false));
        assertEquals(Map.of("bond0", List.of("sim0", "sim1")), networkd.bridgeGetAllBonds("t", false));
        assertEquals(Map.of("bond0", List.of("sim0", "sim1")), networkd.bridgeGetAllPorts("t", true));
        networkd.clearState("t");
        assertEquals(Map.of(), networkd.bridgeGetAllPorts("t", true));
        assertEquals(Map.of("bond0", List.of("sim0", "sim1")), networkd.bridgeGetAllPorts("t", false));
    }
}
