package org.jxapi.networkd.impl.json;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.NetworkConfig;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class NetworkdJsonTest {
    private static NetworkConfig sample() {
        Map<String, InterfaceConfig> ifs = new LinkedHashMap<>();
        ifs.put("xenbr0", new InterfaceConfig(Ipv4Conf.of(Address.parse("10.0.0.1/24")), "10.0.0.254",
                new Ipv6Conf.Static(List.of(Address.parse("2001:db8::1/64"))), null,
                List.of(new Ipv4Route("198.51.100.0", 24, "10.0.0.253")),
                new Dns(List.of("10.0.0.53"), List.of("example.org")), 9000, Map.of("speed", "1000"), Map.of(), true));
        ifs.put("xapi1", InterfaceConfig.DEFAULT.withIpv4(Ipv4Conf.DHCP, null));
        Map<String, PortConfig> ports = new LinkedHashMap<>();
        ports.put("bond0", PortConfig.bond(List.of("eth0", "eth1"), Map.of("mode", "active-backup"), "02:00:00:00:00:01"));
        ports.put("vx1", PortConfig.tunnel(new Tunnel(Tunnel.Protocol.VXLAN, "192.0.2.2", "42")));
        Map<String, BridgeConfig> brs = new LinkedHashMap<>();
        brs.put("xenbr0", new BridgeConfig(ports, null, null, true, Map.of("network-uuids", "abc"), true));
        brs.put("xapi1", new BridgeConfig(Map.of(), new Vlan("xenbr0", 100), null, null, Map.of(), false));
        return new NetworkConfig(ifs, brs, "xenbr0", null);
    }

    @Test
    void aConfigRoundTripsInTheOriginalsShape() throws Exception {
        NetworkConfig c = sample();
        byte[] json = NetworkdJson.writeConfig(c);
        JsonNode tree = NetworkdJson.mapper().readTree(json);
        JsonNode xenbr0 = tree.get("interface_config").get(0);
        assertEquals("xenbr0", xenbr0.get(0).asText());
        assertEquals("[\"Static4\",[[\"10.0.0.1\",24]]]", xenbr0.get(1).get("ipv4_conf").toString());
        assertEquals("10.0.0.254", xenbr0.get(1).get("ipv4_gateway").asText());
        assertFalse(xenbr0.get(1).has("ipv6_gateway"), "None is left out");
        assertEquals("[[\"198.51.100.0\",24,\"10.0.0.253\"]]", xenbr0.get(1).get("ipv4_routes").toString());
        assertEquals("[[\"10.0.0.53\"],[\"example.org\"]]", xenbr0.get(1).get("dns").toString());
        assertEquals("[[\"speed\",\"1000\"]]", xenbr0.get(1).get("ethtool_settings").toString());
        assertTrue(xenbr0.get(1).get("persistent_i").asBoolean());
        assertEquals("[\"DHCP4\"]", tree.get("interface_config").get(1).get(1).get("ipv4_conf").toString());
        JsonNode bridge = tree.get("bridge_config").get(0).get(1);
        assertEquals("bond0", bridge.get("ports").get(0).get(0).asText());
        assertEquals("[[\"mode\",\"active-backup\"]]", bridge.get("ports").get(0).get(1).get("bond_properties").toString());
        assertTrue(bridge.get("persistent_b").asBoolean());
        assertEquals("[\"xenbr0\",100]", tree.get("bridge_config").get(1).get(1).get("vlan").toString());
        assertEquals("xenbr0", tree.get("gateway_interface").asText());
        assertEquals(c, NetworkdJson.readConfig(json));
    }

    @Test
    void optionsAreReadInEveryShapeAndUnknownFieldsAreIgnored() throws Exception {
        String json = """
                {"interface_config": [["eth0", {"ipv4_conf": ["Static4", [["192.0.2.5", 24]]],
                    "ipv4_gateway": ["192.0.2.1"], "ipv6_conf": ["None6"], "ipv6_gateway": [],
                    "ipv4_routes": [], "dns": [[], []], "mtu": 1500, "ethtool_settings": [],
                    "ethtool_offload": [], "persistent_i": true, "future_field": 1}]],
                 "bridge_config": [["xapi1", {"ports": [], "vlan": [["xenbr0", 7]], "bridge_mac": null,
                    "other_config": [], "persistent_b": false}],
                    ["xapi2", {"ports": [], "vlan": [], "other_config": [], "persistent_b": false}]],
                 "gateway_interface": ["eth0"], "dns_interface": null}
                """;
        NetworkConfig c = NetworkdJson.readConfig(json.getBytes(StandardCharsets.UTF_8));
        InterfaceConfig eth0 = c.interfaces().get("eth0");
        assertEquals(Ipv4Conf.of(Address.parse("192.0.2.5/24")), eth0.ipv4());
        assertEquals("192.0.2.1", eth0.ipv4Gateway());
        assertNull(eth0.ipv6Gateway());
        assertEquals(new Vlan("xenbr0", 7), c.bridges().get("xapi1").vlan());
        assertNull(c.bridges().get("xapi2").vlan());
        assertEquals("eth0", c.gatewayInterface());
        assertNull(c.dnsInterface());
    }

    @Test
    void anUnknownVariantIsAnError() {
        String json = "{\"interface_config\": [[\"eth0\", {\"ipv4_conf\": [\"Magic4\"]}]], \"bridge_config\": []}";
        assertThrows(Exception.class, () -> NetworkdJson.readConfig(json.getBytes(StandardCharsets.UTF_8)));
    }
}
