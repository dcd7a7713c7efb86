package org.jxapi.networkd.simulator.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class SimulatorBackendTest {
    @Test
    void configurationNamesTheNicsAndTheKind() {
        SimulatorConfig c = Converters.standardConverter()
                .convert(Map.of("kind", "bridge", "nics", new String[] {"eth0,52:54:00:12:34:56,0000:01:00.0,false,10000",
                        "eth1"}))
                .to(SimulatorConfig.class);
        SimulatorBackend sim = new SimulatorBackend(c);
        assertEquals(Kind.BRIDGE, sim.kind());
        assertEquals(List.of("eth0", "eth1"), sim.interfaces().list());
        var eth0 = sim.interfaces().state("eth0");
        assertEquals("52:54:00:12:34:56", eth0.mac());
        assertEquals("0000:01:00.0", eth0.pciBusPath());
        sim.interfaces().setUp("eth0", true);
        assertFalse(sim.interfaces().state("eth0").link().carrier(), "no cable");
        assertEquals(10000, sim.interfaces().state("eth0").link().speedMbit());
        sim.interfaces().setUp("eth1", true);
        assertTrue(sim.interfaces().state("eth1").link().carrier());
    }

    @Test
    void theDefaultsAreAnOpenvswitchHostWithSim0AndSim1() {
        SimulatorBackend sim = new SimulatorBackend(Converters.standardConverter().convert(Map.of())
                .to(SimulatorConfig.class));
        assertEquals(Kind.OPENVSWITCH, sim.kind());
        assertEquals(List.of("sim0", "sim1"), sim.interfaces().list());
        assertNotEquals(sim.interfaces().state("sim0").mac(), sim.interfaces().state("sim1").mac());
    }

    @Test
    void everyAppliedChangeIsLoggedAndAFailedOneIsNot() {
        SimulatorBackend sim = SimulatorBackend.create();
        sim.bridges().create("xenbr0", null, null, null, Map.of());
        sim.bridges().addPort("xenbr0", "sim0", PortConfig.of("sim0"));
        assertThrows(NetworkdException.class, () -> sim.interfaces().setMtu("nope", 1500));
        assertEquals(List.of("Bridge.create xenbr0", "Bridge.add_port xenbr0 sim0"), sim.changes());
        sim.clearChanges();
        assertEquals(List.of(), sim.changes());
    }

    @Test
    void openvswitchVlansAreFakeBridgesWithoutDevicesOfTheirOwnButTheBridge() {
        SimulatorBackend sim = SimulatorBackend.create();
        sim.bridges().create("xenbr0", null, null, null, Map.of());
        sim.bridges().addPort("xenbr0", "sim0", PortConfig.of("sim0"));
        sim.bridges().create("xapi1", new Vlan("xenbr0", 100), null, null, Map.of());
        assertEquals(List.of("sim0", "sim1", "xenbr0", "xapi1"), sim.interfaces().list());
        NetworkdException e = assertThrows(NetworkdException.class,
                () -> sim.bridges().create("xapi2", new Vlan("xenbr0", 100), null, null, Map.of()));
        assertEquals(NetworkdErrorCode.VLAN_IN_USE, e.errorCode());
        assertEquals(List.of("xenbr0", "100"), e.params());
        sim.bridges().destroy("xenbr0", true);
        assertEquals(List.of(), sim.bridges().list(), "the fake bridge goes with its parent");
    }

    @Test
    void bridgeKindVlansAndBondsAreDevices() {
        SimulatorBackend sim = SimulatorBackend.create(Kind.BRIDGE, SimulatedNic.defaults());
        sim.bridges().create("xenbr0", null, null, null, Map.of());
        sim.bridges().addPort("xenbr0", "bond0", PortConfig.bond(List.of("sim0", "sim1"), Map.of(), null));
        sim.bridges().create("xapi1", new Vlan("xenbr0", 100), null, null, Map.of());
        assertNotNull(sim.interfaces().state("bond0"));
        assertNotNull(sim.interfaces().state("bond0.100"), "the VLAN device is on the bond");
        assertEquals(List.of("sim0", "sim1"), sim.bridges().physicalInterfaces("xapi1"));
        sim.bridges().destroy("xapi1", false);
        assertNull(sim.interfaces().state("bond0.100"), "a VLAN bridge's own VLAN device does not keep it");
    }

    @Test
    void aPluggedVifKeepsItsLockingAndRate() {
        SimulatorBackend sim = SimulatorBackend.create();
        sim.bridges().create("xenbr0", null, null, null, Map.of());
        sim.addGuestDevice("tap1.0");
        sim.vifs().plug(new VifPort("xenbr0", "tap1.0", "vm/0", "00:16:3e:01:02:03", 1500, true, VifLocking.UNLOCKED, 1000));
        VifLocking locked = new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.5"), List.of());
        sim.vifs().setLocking("xenbr0", "tap1.0", "00:16:3e:01:02:03", locked);
        VifPort p = sim.vif("xenbr0", "tap1.0").orElseThrow();
        assertEquals(locked, p.locking());
        assertEquals(1000, p.rateKbps());
        sim.removeGuestDevice("tap1.0");
        assertTrue(sim.vif("xenbr0", "tap1.0").isEmpty());
    }
}
