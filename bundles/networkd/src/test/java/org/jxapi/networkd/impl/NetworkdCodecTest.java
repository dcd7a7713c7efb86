package org.jxapi.networkd.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.impl.json.NetworkdCalls;
import org.jxapi.networkd.impl.json.NetworkdCodec;
import org.jxapi.networkd.impl.json.NetworkdJson;
import org.jxapi.networkd.simulator.impl.SimulatorBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** Every call through the codec and back, as bytes, against a real engine: what the socket will carry. */
class NetworkdCodecTest {
    @TempDir
    Path dir;

    /** A Networkd whose calls go through JSON text both ways. */
    private Networkd overTheWire(Networkd target) {
        return (Networkd) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Networkd.class},
                (p, m, a) -> {
                    if (m.getName().equals("instanceName")) {
                        return target.instanceName();
                    }
                    NetworkdCalls.Call call = NetworkdCalls.byMethod(m);
                    byte[] request = NetworkdJson.mapper().writeValueAsBytes(NetworkdCodec.encodeArguments(call, a));
                    JsonNode params = NetworkdJson.mapper().readTree(request);
                    JsonNode response;
                    try {
                        Object result = m.invoke(target, NetworkdCodec.decodeArguments(call, params));
                        response = NetworkdJson.mapper().readTree(
                                NetworkdJson.mapper().writeValueAsBytes(NetworkdCodec.encodeResult(call, result)));
                    } catch (InvocationTargetException e) {
                        JsonNode error = NetworkdJson.mapper().readTree(NetworkdJson.mapper()
                                .writeValueAsBytes(NetworkdCodec.encodeError((NetworkdException) e.getCause())));
                        throw NetworkdCodec.decodeError(error);
                    }
                    return NetworkdCodec.decodeResult(call, response);
                });
    }

    @Test
    void everyDeclaredCallHasItsParameterNames() {
        assertTrue(NetworkdCalls.all().size() >= 40, "calls: " + NetworkdCalls.all().keySet());
        assertNotNull(NetworkdCalls.byName("Bridge.make_config"));
    }

    @Test
    void callsRoundTripThroughTheWireShapes() {
        SimulatorBackend sim = SimulatorBackend.create();
        Networkd n = overTheWire(NetworkdService.open("wire", sim, dir.resolve("networkd.db")));
        Map<String, BridgeConfig> bridges = new LinkedHashMap<>();
        bridges.put("xenbr0", new BridgeConfig(Map.of("bond0", PortConfig.bond(List.of("sim0", "sim1"),
                Map.of("mode", "balance-slb"), null)), null, null, null, Map.of(), true));
        bridges.put("xapi1", new BridgeConfig(Map.of(), new Vlan("xenbr0", 10), null, null, Map.of(), true));
        n.bridgeMakeConfig("dbg", false, bridges);
        n.interfaceMakeConfig("dbg", false, Map.of("xenbr0",
                InterfaceConfig.DEFAULT.withIpv4(Ipv4Conf.of(Address.parse("192.0.2.1/24")), null)));
        assertEquals(List.of(Address.parse("192.0.2.1/24")), n.interfaceGetIpv4Addr("dbg", "xenbr0"));
        assertEquals(Kind.OPENVSWITCH, n.bridgeGetKind("dbg"));
        assertEquals(Map.of("bond0", List.of("sim0", "sim1")), n.bridgeGetAllBonds("dbg", false));
        assertTrue(n.interfaceHasVlan("dbg", "sim0", 10));
        assertNull(n.interfaceGetIpv4Gateway("dbg", "xenbr0"));
        assertEquals(SriovEnableResult.SYSFS_SUCCESSFUL, n.sriovEnable("dbg", "sim0"));
        assertEquals(0, n.getDiagnostics("dbg").startupChanges());
        sim.addGuestDevice("tap1.0");
        VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.9"), List.of("2001:db8::9"));
        n.vifPlug("dbg", new VifPort("xapi1", "tap1.0", "vm/0", "00:16:3e:00:00:09", 1500, true, locked, 100));
        assertEquals(locked, sim.vif("xapi1", "tap1.0").orElseThrow().locking());
        assertTrue(n.interfaceGetLink("dbg", "sim0").speedMbit() > 0);
        NetworkdException e = assertThrows(NetworkdException.class,
                () -> n.bridgeCreate("dbg", new Vlan("xenbr0", 10), null, null, Map.of(), "xapi2"));
        assertEquals(NetworkdErrorCode.VLAN_IN_USE, e.errorCode());
        assertEquals(List.of("xenbr0", "10"), e.params());
    }

    @Test
    void theOriginalsNamedParametersAndOptionShapesAreRead() throws Exception {
        NetworkdCalls.Call create = NetworkdCalls.byName("Bridge.create");
        JsonNode named = NetworkdJson.mapper().readTree("""
                [{"debug_info": "d", "vlan": [["xenbr0", 5]], "mac": [], "igmp_snooping": [true],
                  "other_config": [["k", "v"]], "name": "xapi5"}]
                """);
        Object[] args = NetworkdCodec.decodeArguments(create, named);
        assertEquals("d", args[0]);
        assertEquals(new Vlan("xenbr0", 5), args[1]);
        assertNull(args[2]);
        assertEquals(Boolean.TRUE, args[3]);
        assertEquals(Map.of("k", "v"), args[4]);
        assertEquals("xapi5", args[5]);
        JsonNode positional = NetworkdJson.mapper().readTree("[\"d\", null, \"02:00:00:00:00:01\", null, [], \"b\"]");
        args = NetworkdCodec.decodeArguments(create, positional);
        assertNull(args[1]);
        assertEquals("02:00:00:00:00:01", args[2]);
    }
}
