package org.jxapi.xapi.network.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.db.Row;
import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.impl.NetworkdService;
import org.jxapi.networkd.simulator.impl.SimulatedNic;
import org.jxapi.networkd.simulator.impl.SimulatorBackend;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.BondMode;
import org.jxapi.xenapi.model.types.IpConfigurationMode;
import org.jxapi.xenapi.model.types.TunnelProtocol;
import org.jxapi.xenapi.model.types.VifLockingMode;

/**
 * The messages that drive networkd, against the real engine over the simulator backend (NICs
 * sim0 and sim1): first start, plug, unplug, reconfigure, introduce, scan, VLAN, bond, tunnel,
 * SR-IOV, management and VIF locking, each checked on what networkd then reports.
 */
class NetworkdMessagesTest {
    @TempDir
    Path dir;
    SimulatorBackend sim;
    Networkd networkd;
    NetworkTestHost h;

    private void start(Kind kind, Map<String, Object> config) throws Exception {
        sim = SimulatorBackend.create(kind, SimulatedNic.defaults());
        networkd = NetworkdService.open("test", sim, dir.resolve("networkd.db"));
        h = new NetworkTestHost(dir, networkd, config);
    }

    private void start() throws Exception {
        start(Kind.OPENVSWITCH, Map.of("first.start", false));
    }

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private Row pifByDevice(String device) {
        for (Row p : h.db.snapshot().table("PIF")) {
            if (device.equals(p.get("device")) && (long) p.get("VLAN") == -1L && ((Set<?>) p.get("bond_master_of")).isEmpty()) {
                return p;
            }
        }
        throw new AssertionError("no PIF " + device);
    }

    @Test
    void firstStartIntroducesEveryNicAndChangesNothing() throws Exception {
        start(Kind.OPENVSWITCH, Map.of("first.start", false));
        sim.clearChanges();
        new PifIntroducer(h.network).firstStart("sim0");
        Row sim0 = pifByDevice("sim0");
        Row sim1 = pifByDevice("sim1");
        assertTrue((boolean) sim0.get("management"));
        assertFalse((boolean) sim1.get("management"));
        Row net0 = h.db.snapshot().require("network", (Ref<?>) sim0.get("network"));
        assertEquals("Pool-wide network associated with sim0", net0.get("name_label"));
        assertEquals("xenbr0", net0.get("bridge"));
        assertEquals("xenbr1", h.db.snapshot().require("network", (Ref<?>) sim1.get("network")).get("bridge"));
        assertEquals("02:00:5e:00:00:00", sim0.get("MAC"));
        assertEquals(Set.of("sriov"), sim0.get("capabilities"));
        assertEquals(List.of(), sim.changes(), "do no harm: the first start changes nothing");
        Row metrics = h.db.snapshot().require("PIF_metrics", (Ref<?>) sim0.get("metrics"));
        assertEquals("0000:00:03.0", metrics.get("pci_bus_path"));
        assertEquals(0, new PifIntroducer(h.network).firstStart("sim0"), "a host with PIFs gets none");
    }

    @Test
    void plugBringsThePifsBridgeUpAndUnplugTakesItDown() throws Exception {
        start();
        new PifIntroducer(h.network).firstStart("sim0");
        Ref<Object> sim1 = pifByDevice("sim1").ref().cast();
        h.call("PIF.plug", sim1);
        assertTrue(networkd.bridgeGetAll("t").contains("xenbr1"), networkd.bridgeGetAll("t").toString());
        assertTrue(networkd.bridgeGetInterfaces("t", "xenbr1").contains("sim1"));
        assertEquals(true, h.field("PIF", sim1, "currently_attached"));
        Row metrics = h.db.snapshot().require("PIF_metrics", (Ref<?>) h.field("PIF", sim1, "metrics"));
        assertEquals(true, metrics.get("carrier"));
        assertEquals(1000L, metrics.get("speed"));
        h.call("PIF.unplug", sim1);
        assertFalse(networkd.bridgeGetAll("t").contains("xenbr1"));
        assertEquals(false, h.field("PIF", sim1, "currently_attached"));
        Ref<Object> sim0 = pifByDevice("sim0").ref().cast();
        assertEquals(List.of("PIF_IS_MANAGEMENT_INTERFACE", sim0.handle()), h.error("PIF.unplug", sim0));
    }

    @Test
    void reconfigureIpOfAPluggedPifSetsTheBridgesAddressAndManagementIsPersistent() throws Exception {
        start();
        new PifIntroducer(h.network).firstStart("sim0");
        Ref<Object> sim0 = pifByDevice("sim0").ref().cast();
        h.call("PIF.reconfigure_ip", sim0, IpConfigurationMode.STATIC, "192.0.2.10", "255.255.255.0", "192.0.2.1", "");
        h.call("PIF.plug", sim0);
        assertEquals(List.of(new Address("192.0.2.10", 24)), networkd.interfaceGetIpv4Addr("t", "xenbr0"));
        assertTrue(networkd.interfaceIsPersistent("t", "xenbr0"), "the management PIF comes back at boot");
        assertEquals("192.0.2.10", h.field("host", h.host, "address"));
        h.call("PIF.reconfigure_ip", sim0, IpConfigurationMode.STATIC, "192.0.2.11", "255.255.255.0", "192.0.2.1", "");
        assertEquals(List.of(new Address("192.0.2.11", 24)), networkd.interfaceGetIpv4Addr("t", "xenbr0"));
    }

    @Test
    void introduceAsksNetworkdAndRefusesDuplicatesAndUnknownDevices() throws Exception {
        start();
        Ref<Object> pif = h.ref("PIF.introduce", h.host, "", "sim1", true);
        assertEquals("02:00:5e:00:00:01", h.field("PIF", pif, "MAC"));
        assertEquals(true, h.field("PIF", pif, "physical"));
        assertEquals(List.of("DUPLICATE_PIF_DEVICE_NAME", "sim1"), h.error("PIF.introduce", h.host, "", "sim1", true));
        assertEquals(List.of("PIF_DEVICE_NOT_FOUND"), h.error("PIF.introduce", h.host, "", "nic9", true));
    }

    @Test
    void scanIntroducesTheNicsWithoutPifs() throws Exception {
        start();
        h.call("PIF.introduce", h.host, "", "sim0", true);
        h.call("PIF.scan", h.host);
        assertEquals("sim1", pifByDevice("sim1").get("device"));
        assertEquals(2, h.db.snapshot().table("PIF").size());
        assertEquals("HANDLE_INVALID", h.error("PIF.scan", Ref.of("OpaqueRef:nohost")).get(0));
    }

    @Test
    void vlanOnAPluggedPifIsAFakeBridgeOfItsParent() throws Exception {
        start();
        new PifIntroducer(h.network).firstStart("sim0");
        Ref<Object> sim1 = pifByDevice("sim1").ref().cast();
        h.call("PIF.plug", sim1);
        Ref<Object> vnet = h.network("v100");
        Ref<Object> vlan = h.ref("VLAN.create", sim1, 100L, vnet);
        Ref<?> untagged = (Ref<?>) h.field("VLAN", vlan, "untagged_PIF");
        assertEquals(true, h.field("PIF", untagged, "currently_attached"));
        assertTrue(networkd.bridgeGetAll("t").contains("xapi0"), networkd.bridgeGetAll("t").toString());
        h.call("VLAN.destroy", vlan);
        assertFalse(networkd.bridgeGetAll("t").contains("xapi0"));
    }

    @Test
    void bondOfPluggedNicsIsOneBondPortOnTheBondsBridge() throws Exception {
        start();
        new PifIntroducer(h.network).firstStart("");
        Ref<Object> sim0 = pifByDevice("sim0").ref().cast();
        Ref<Object> sim1 = pifByDevice("sim1").ref().cast();
        h.call("PIF.plug", sim0);
        h.call("PIF.plug", sim1);
        Ref<Object> bnet = h.network("bond");
        Ref<?> bond = h.ref("Bond.create", bnet, Set.of(sim0, sim1), "", BondMode.ACTIVE_BACKUP, Map.of());
        Ref<?> master = (Ref<?>) h.field("Bond", bond, "master");
        assertEquals(true, h.field("PIF", master, "currently_attached"));
        assertEquals(h.field("PIF", sim0, "MAC"), h.field("PIF", master, "MAC"), "the first member's MAC");
        Map<String, List<String>> bonds = networkd.bridgeGetAllBonds("t", false);
        assertEquals(List.of("sim0", "sim1"), bonds.get("bond0").stream().sorted().toList(), bonds.toString());
        assertFalse(networkd.bridgeGetAll("t").contains("xenbr0"), "the members' own bridges are gone");
        h.call("Bond.destroy", bond);
        assertTrue(networkd.bridgeGetAll("t").containsAll(List.of("xenbr0", "xenbr1")));
        assertEquals(true, h.field("PIF", sim0, "currently_attached"));
    }

    @Test
    void tunnelNeedsOpenvswitchAndAConfiguredTransportPif() throws Exception {
        start();
        new PifIntroducer(h.network).firstStart("");
        Ref<Object> sim1 = pifByDevice("sim1").ref().cast();
        Ref<Object> tnet = h.network("tunnel");
        assertEquals(List.of("TRANSPORT_PIF_NOT_CONFIGURED", sim1.handle()),
                h.error("tunnel.create", sim1, tnet, TunnelProtocol.VXLAN));
        h.call("PIF.reconfigure_ip", sim1, IpConfigurationMode.STATIC, "198.51.100.2", "255.255.255.0", "", "");
        h.call("PIF.plug", sim1);
        Ref<?> tunnel = h.ref("tunnel.create", sim1, tnet, TunnelProtocol.VXLAN);
        Ref<?> access = (Ref<?>) h.field("tunnel", tunnel, "access_PIF");
        assertEquals("tunnel0", h.field("PIF", access, "device"));
        assertEquals(true, h.field("PIF", access, "currently_attached"));
        assertEquals("true", ((Map<?, ?>) h.field("tunnel", tunnel, "status")).get("active"));
        assertTrue(networkd.bridgeGetAll("t").contains("xapi0"));
        assertEquals(List.of("PIF_TUNNEL_STILL_EXISTS", sim1.handle()), h.error("PIF.forget", sim1));
        h.call("tunnel.destroy", tunnel);
        assertFalse(networkd.bridgeGetAll("t").contains("xapi0"));
    }

    @Test
    void tunnelOnALinuxBridgeIsRefused() throws Exception {
        start(Kind.BRIDGE, Map.of("first.start", false));
        new PifIntroducer(h.network).firstStart("");
        Ref<Object> sim1 = pifByDevice("sim1").ref().cast();
        assertEquals(List.of("OPENVSWITCH_NOT_ACTIVE"), h.error("tunnel.create", sim1, h.network("t"), TunnelProtocol.GRE));
    }

    @Test
    void sriovIsEnabledOnACapableNicAndItsCapacityCountsPluggedVifs() throws Exception {
        start();
        new PifIntroducer(h.network).firstStart("");
        Ref<Object> sim1 = pifByDevice("sim1").ref().cast();
        h.db.write(tx -> {
            tx.set("PIF", sim1, "other_config", Map.of(SriovMessages.TOTAL_VFS, "8"));
            return null;
        });
        Ref<Object> snet = h.network("sriov");
        Ref<?> sriov = h.ref("network_sriov.create", sim1, snet);
        Ref<?> logical = (Ref<?>) h.field("network_sriov", sriov, "logical_PIF");
        assertEquals(snet, h.field("PIF", logical, "network"));
        assertEquals(8L, h.call("network_sriov.get_remaining_capacity", sriov));
        h.db.write(tx -> {
            Ref<Object> vm = tx.create("VM", Map.of("name_label", "vm"));
            return tx.create("VIF", Map.of("VM", vm, "network", snet, "device", "0", "currently_attached", true));
        });
        assertEquals(7L, h.call("network_sriov.get_remaining_capacity", sriov));
        assertEquals(List.of("NETWORK_SRIOV_ALREADY_ENABLED", sim1.handle()), h.error("network_sriov.create", sim1, h.network("again")));
        h.call("network_sriov.destroy", sriov);
        assertEquals(0, h.db.snapshot().table("network_sriov").size());
        Ref<?> vlanPif = h.ref("PIF.create_VLAN", "sim0", h.network("v"), h.host, 5L);
        assertEquals(List.of("PIF_IS_NOT_PHYSICAL", vlanPif.handle()), h.error("network_sriov.create", vlanPif, h.network("x")));
    }

    @Test
    void managementReconfigureMovesManagementToAConfiguredPif() throws Exception {
        start();
        new PifIntroducer(h.network).firstStart("sim0");
        Ref<Object> sim1 = pifByDevice("sim1").ref().cast();
        h.call("PIF.reconfigure_ip", sim1, IpConfigurationMode.STATIC, "203.0.113.5", "255.255.255.0", "203.0.113.1", "");
        h.call("host.management_reconfigure", sim1);
        assertEquals(sim1, h.call("host.get_management_interface", h.host));
        assertEquals(false, pifByDevice("sim0").get("management"));
        assertEquals("203.0.113.5", h.field("host", h.host, "address"));
        assertTrue(networkd.interfaceIsPersistent("t", "xenbr1"));
        assertEquals(List.of(new Address("203.0.113.5", 24)), networkd.interfaceGetIpv4Addr("t", "xenbr1"));
        h.call("host.local_management_reconfigure", "xenbr1");
        assertEquals(sim1, h.call("host.get_management_interface", h.host));
    }

    @Test
    void lockingOfAPluggedVifIsAppliedToItsPortAndMoveChangesItsBridge() throws Exception {
        start();
        new PifIntroducer(h.network).firstStart("");
        Ref<Object> sim0 = pifByDevice("sim0").ref().cast();
        Ref<Object> sim1 = pifByDevice("sim1").ref().cast();
        h.call("PIF.plug", sim0);
        h.call("PIF.plug", sim1);
        Ref<?> net0 = (Ref<?>) h.field("PIF", sim0, "network");
        Ref<?> net1 = (Ref<?>) h.field("PIF", sim1, "network");
        Ref<Object> vif = h.db.write(tx -> {
            Ref<Object> vm = tx.create("VM", Map.of("name_label", "vm", "domid", 3L));
            return tx.create("VIF", Map.of("VM", vm, "network", net0, "device", "0", "MAC", "02:00:00:00:00:aa",
                    "currently_attached", true));
        });
        // What xenopsd does when it plugs the VIF: the tap exists and is put on the network's bridge.
        sim.addGuestDevice("vif3.0");
        networkd.vifPlug("t", new VifPort("xenbr0", "vif3.0", "vm/0", "02:00:00:00:00:aa", 1500, true, null, 0));
        h.call("VIF.set_ipv4_allowed", vif, Set.of("192.0.2.50"));
        h.call("VIF.set_locking_mode", vif, VifLockingMode.LOCKED);
        assertEquals(new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.50"), List.of()),
                sim.vif("xenbr0", "vif3.0").orElseThrow().locking());
        h.call("VIF.move", vif, net1);
        assertTrue(sim.vif("xenbr1", "vif3.0").isPresent());
        assertFalse(sim.vif("xenbr0", "vif3.0").isPresent());
        assertEquals(net1, h.field("VIF", vif, "network"));
    }
}
