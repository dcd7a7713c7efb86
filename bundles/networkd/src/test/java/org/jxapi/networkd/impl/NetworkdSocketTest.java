package org.jxapi.networkd.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.common.rpc.RpcDispatcher;
import org.jxapi.common.rpc.UnixRpcServer;
import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.impl.json.NetworkdJson;
import org.jxapi.networkd.simulator.impl.SimulatorBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON-RPC interface on a Unix socket: NetworkdClient through the socket to an engine over the simulator. */
class NetworkdSocketTest {
    @TempDir
    Path dir;
    SimulatorBackend sim;
    NetworkdService service;
    UnixRpcServer server;
    NetworkdClient client;

    @BeforeEach
    void serve() throws Exception {
        sim = SimulatorBackend.create();
        service = NetworkdService.open("sock", sim, dir.resolve("networkd.db"));
        server = new UnixRpcServer(dir.resolve("networkd.sock"), dispatcher(), "networkd-rpc-test");
        server.start();
        client = NetworkdClient.connect(dir.resolve("networkd.sock"), "sock");
    }

    private RpcDispatcher dispatcher() {
        return new RpcDispatcher(NetworkdRpc.CALLS, NetworkdRpc.serving(service), NetworkdRpc.ERRORS);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void callsRoundTripThroughTheSocket() {
        Map<String, BridgeConfig> bridges = new LinkedHashMap<>();
        bridges.put("xenbr0", new BridgeConfig(Map.of("bond0", PortConfig.bond(List.of("sim0", "sim1"),
                Map.of("mode", "balance-slb"), null)), null, null, null, Map.of("k", "v"), true));
        bridges.put("xapi1", new BridgeConfig(Map.of(), new Vlan("xenbr0", 10), null, null, Map.of(), true));
        client.bridgeMakeConfig("dbg", false, bridges);
        client.interfaceMakeConfig("dbg", false, Map.of("xenbr0",
                InterfaceConfig.DEFAULT.withIpv4(Ipv4Conf.of(Address.parse("192.0.2.1/24")), null)));
        assertEquals(List.of("xenbr0", "xapi1"), client.bridgeGetAll("dbg"));
        assertEquals(List.of(Address.parse("192.0.2.1/24")), client.interfaceGetIpv4Addr("dbg", "xenbr0"));
        assertEquals(Kind.OPENVSWITCH, client.bridgeGetKind("dbg"));
        assertEquals(Map.of("bond0", List.of("sim0", "sim1")), client.bridgeGetAllBonds("dbg", false));
        assertTrue(client.interfaceHasVlan("dbg", "sim0", 10));
        assertNull(client.interfaceGetIpv4Gateway("dbg", "xenbr0"));
        assertEquals(1500, client.interfaceGetMtu("dbg", "sim0"));
        assertEquals(SriovEnableResult.SYSFS_SUCCESSFUL, client.sriovEnable("dbg", "sim0"));
        assertEquals(2, client.getDiagnostics("dbg").lastMakeConfigChanges(), "the last make_config: address and up");
        assertEquals("sock", client.instanceName());
        sim.addGuestDevice("tap1.0");
        VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.9"), List.of("2001:db8::9"));
        client.vifPlug("dbg", new VifPort("xapi1", "tap1.0", "vm/0", "00:16:3e:00:00:09", 1500, true, locked, 100));
        assertEquals(locked, sim.vif("xapi1", "tap1.0").orElseThrow().locking());
        assertEquals(100, sim.vif("xapi1", "tap1.0").orElseThrow().rateKbps());
        client.bridgeCreate("dbg", null, "02:00:00:00:00:07", true, Map.of("a", "b"), "xenbr7");
        assertEquals("02:00:00:00:00:07", sim.bridges().state("xenbr7").mac());
    }

    @Test
    void aNetworkdErrorComesBackAsItself() {
        client.bridgeCreate("dbg", null, null, null, Map.of(), "xenbr0");
        client.bridgeCreate("dbg", new Vlan("xenbr0", 10), null, null, Map.of(), "xapi1");
        NetworkdException e = assertThrows(NetworkdException.class,
                () -> client.bridgeCreate("dbg", new Vlan("xenbr0", 10), null, null, Map.of(), "xapi2"));
        assertEquals(NetworkdErrorCode.VLAN_IN_USE, e.errorCode());
        assertEquals(List.of("xenbr0", "10"), e.params());
        e = assertThrows(NetworkdException.class, () -> client.interfaceGetMac("dbg", "nope"));
        assertEquals(NetworkdErrorCode.DOES_NOT_EXIST, e.errorCode());
    }

    @Test
    void theOriginalsRequestShapesAreAnswered() throws Exception {
        RpcDispatcher d = dispatcher();
        String named = """
                {"jsonrpc": "2.0", "id": 1, "method": "Bridge.create", "params": [{"debug_info": "d",
                 "vlan": [], "mac": [], "igmp_snooping": [true], "other_config": [["k", "v"]], "name": "xenbr5"}]}
                """;
        JsonNode r = NetworkdJson.mapper().readTree(d.handle(named.getBytes(StandardCharsets.UTF_8)));
        assertFalse(r.has("error") && !r.get("error").isNull(), r.toString());
        assertEquals(Boolean.TRUE, sim.bridges().state("xenbr5").igmpSnooping());
        assertEquals(Map.of("k", "v"), sim.bridges().state("xenbr5").otherConfig());
        String ports = "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"Bridge.get_all_ports\", \"params\": [\"d\", false]}";
        service.bridgeAddPort("d", null, "xenbr5", "sim0", List.of("sim0"), Map.of(), null);
        r = NetworkdJson.mapper().readTree(d.handle(ports.getBytes(StandardCharsets.UTF_8)));
        assertEquals("[[\"sim0\",[\"sim0\"]]]", r.get("result").toString(), "a pairs result is pairs");
        String unknown = "{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"Bridge.fly\", \"params\": [\"d\"]}";
        r = NetworkdJson.mapper().readTree(d.handle(unknown.getBytes(StandardCharsets.UTF_8)));
        assertEquals("Not_implemented", r.get("error").get("data").get(0).asText());
    }
}
