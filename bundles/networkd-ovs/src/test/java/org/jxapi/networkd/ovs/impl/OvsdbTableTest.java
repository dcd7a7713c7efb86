package org.jxapi.networkd.ovs.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.spi.BridgeState;

/** ovs-vsctl JSON in the shapes ovs-vsctl 3.1 prints (single-element sets bare, empty optionals as empty sets), read into bridge states. */
class OvsdbTableTest {
    // A bridge br0 with a bond, a guest port and a VLAN 100 fake bridge holding a GRE tunnel.
    private static final String OUTPUT = String.join("\n",
            "{\"data\":[[[\"uuid\",\"b0\"],\"br0\",[\"set\",[[\"uuid\",\"p0\"],[\"uuid\",\"p1\"],[\"uuid\",\"p2\"],"
                    + "[\"uuid\",\"p3\"],[\"uuid\",\"p4\"]]],[\"map\",[[\"hwaddr\",\"02:00:00:00:00:01\"]]],"
                    + "[\"map\",[[\"jxapi-oc-network-uuids\",\"n1\"]]],true]],"
                    + "\"headings\":[\"_uuid\",\"name\",\"ports\",\"other_config\",\"external_ids\",\"mcast_snooping_enable\"]}",
            "{\"data\":[[[\"uuid\",\"p0\"],\"br0\",[\"set\",[]],false,[\"uuid\",\"i0\"],[\"map\",[]],[\"set\",[]]],"
                    + "[[\"uuid\",\"p1\"],\"bond0\",[\"set\",[]],false,[\"set\",[[\"uuid\",\"i1\"],[\"uuid\",\"i2\"]]],"
                    + "[\"map\",[[\"jxapi-bond-mode\",\"active-backup\"],[\"jxapi-interfaces\",\"eth2,eth1\"]]],\"02:00:00:00:00:09\"],"
                    + "[[\"uuid\",\"p2\"],\"vif1\",[\"set\",[]],false,[\"uuid\",\"i3\"],[\"map\",[]],[\"set\",[]]],"
                    + "[[\"uuid\",\"p3\"],\"xapi1\",100,true,[\"uuid\",\"i4\"],[\"map\",[[\"fake-bridge-jxapi-oc-k\",\"v\"]]],[\"set\",[]]],"
                    + "[[\"uuid\",\"p4\"],\"gre0\",100,false,[\"uuid\",\"i5\"],[\"map\",[]],[\"set\",[]]]],"
                    + "\"headings\":[\"_uuid\",\"name\",\"tag\",\"fake_bridge\",\"interfaces\",\"external_ids\",\"mac\"]}",
            "{\"data\":[[[\"uuid\",\"i0\"],\"br0\",\"internal\",[\"map\",[]],[\"map\",[]],[\"set\",[]],1],"
                    + "[[\"uuid\",\"i1\"],\"eth1\",\"\",[\"map\",[]],[\"map\",[]],[\"set\",[]],2],"
                    + "[[\"uuid\",\"i2\"],\"eth2\",\"\",[\"map\",[]],[\"map\",[]],[\"set\",[]],3],"
                    + "[[\"uuid\",\"i3\"],\"vif1\",\"\",[\"map\",[]],[\"map\",[[\"jxapi-vif\",\"vm/0\"]]],[\"set\",[]],4],"
                    + "[[\"uuid\",\"i4\"],\"xapi1\",\"internal\",[\"map\",[]],[\"map\",[]],\"02:00:00:00:00:64\",5],"
                    + "[[\"uuid\",\"i5\"],\"gre0\",\"gre\",[\"map\",[[\"key\",\"7\"],[\"remote_ip\",\"192.0.2.1\"]]],[\"map\",[]],[\"set\",[]],6]],"
                    + "\"headings\":[\"_uuid\",\"name\",\"type\",\"options\",\"external_ids\",\"mac\",\"ofport\"]}");

    @Test
    void aSingleElementSetIsItsAtomAndAnEmptySetIsNoValue() {
        List<OvsdbTable> tables = OvsdbTable.readAll(OUTPUT);
        assertEquals(3, tables.size());
        Map<String, OvsdbValue> bond = tables.get(1).rows().get(1);
        assertEquals(List.of("i1", "i2"), bond.get("interfaces").set());
        assertEquals(List.of("i0"), tables.get(1).rows().get(0).get("interfaces").set());
        assertNull(tables.get(1).rows().get(0).get("tag").scalar());
        assertEquals("100", tables.get(1).rows().get(3).get("tag").scalar());
        assertTrue(tables.get(0).rows().get(0).get("mcast_snooping_enable").isTrue());
    }

    @Test
    void statesLeaveOutGuestsAndTheInternalPortAndKeepTheConfiguredShapes() {
        OvsSnapshot s = OvsSnapshot.parse(OUTPUT);
        assertEquals(List.of("br0", "xapi1"), s.bridgeNames());
        BridgeState br0 = s.state("br0");
        assertEquals("02:00:00:00:00:01", br0.mac());
        assertEquals(Map.of("network-uuids", "n1"), br0.otherConfig());
        assertEquals(Map.of("bond0", PortConfig.bond(List.of("eth2", "eth1"), Map.of("mode", "active-backup"),
                "02:00:00:00:00:09")), br0.ports());
        BridgeState vlan = s.state("xapi1");
        assertEquals(new Vlan("br0", 100), vlan.vlan());
        assertEquals("02:00:00:00:00:64", vlan.mac());
        assertEquals(Map.of("k", "v"), vlan.otherConfig());
        assertEquals(Map.of("gre0", PortConfig.tunnel(new Tunnel(Tunnel.Protocol.GRE, "192.0.2.1", "7"))), vlan.ports());
        assertEquals("xapi1", s.fakeBridgeWithTag("br0", 100));
        assertEquals("br0", s.findInterface("vif1").getValue());
        assertNull(s.state("nope"));
    }

    @Test
    void somethingElseThanThreeTablesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OvsSnapshot.parse("{\"data\":[],\"headings\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> OvsdbTable.readAll("{\"data\":[[[\"bogus\",1]]],\"headings\":[\"x\"]}"));
    }
}
