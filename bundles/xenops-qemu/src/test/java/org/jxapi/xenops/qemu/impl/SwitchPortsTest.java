package org.jxapi.xenops.qemu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.impl.NetworkdService;
import org.jxapi.networkd.simulator.impl.SimulatedNic;
import org.jxapi.networkd.simulator.impl.SimulatorBackend;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.XenopsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The networkd calls for guests' taps, against the real engine over its simulator backend. */
class SwitchPortsTest {
    @TempDir
    Path dir;
    SimulatorBackend sim;
    NetworkdService networkd;
    SwitchPorts ports;

    @BeforeEach
    void setUp() {
        sim = SimulatorBackend.create(Kind.BRIDGE, SimulatedNic.defaults());
        networkd = NetworkdService.open("test", sim, dir.resolve("networkd.db"));
        networkd.bridgeCreate("t", null, null, null, Map.of(), "xenbr9");
        networkd.bridgeCreate("t", null, null, null, Map.of(), "xenbr8");
        sim.addGuestDevice("vif3.0");
        ports = new SwitchPorts(() -> networkd, name -> true);
    }

    private static Device tap(String bridge) {
        Device d = new Device(Device.Kind.VIF, "0");
        Vif vif = new Vif(new DeviceId("vm1", "0"), 0, "02:00:00:00:00:aa", false, 9000, new Vif.Rate(100, 0),
                null, Map.of(), new LockingMode(LockingMode.Kind.LOCKED, List.of("10.0.0.5"), List.of()), Map.of(),
                null, null, null, null, List.of());
        SwitchPorts.record(d, vif);
        d.mac = vif.mac();
        d.carrier = vif.carrier();
        d.bridge = bridge;
        d.tap = "vif3.0";
        d.netdev = "tap";
        d.plugged = true;
        d.switchManaged = true;
        return d;
    }

    @Test
    void aBridgeIsManagedOnlyWhenNetworkdListsItAndTheHostHasIt() {
        assertTrue(ports.manages("xenbr9"));
        assertFalse(ports.manages("xenbr7"), "networkd does not know it");
        assertFalse(ports.manages(null));
        assertFalse(new SwitchPorts(() -> networkd, name -> false).manages("xenbr9"), "not a device here");
        assertFalse(new SwitchPorts(() -> null).manages("xenbr9"), "no networkd bound");
    }

    @Test
    void plugGivesNetworkdTheVifsMacMtuCarrierLockingAndRate() {
        ports.plug("vm1", tap("xenbr9"));
        VifPort p = sim.vif("xenbr9", "vif3.0").orElseThrow();
        assertEquals("vm1/0", p.vifId());
        assertEquals("02:00:00:00:00:aa", p.mac());
        assertEquals(9000, p.mtu());
        assertFalse(p.carrier());
        assertEquals(100, p.rateKbps());
        assertEquals(new VifLocking(VifLocking.Mode.LOCKED, List.of("10.0.0.5"), List.of()), p.locking());
    }

    @Test
    void lockingMoveAndUnplugGoThroughNetworkd() {
        Device d = tap("xenbr9");
        ports.plug("vm1", d);
        d.locking = new LockingMode(LockingMode.Kind.DISABLED, List.of(), List.of());
        ports.setLocking(d);
        assertEquals(VifLocking.Mode.DISABLED, sim.vif("xenbr9", "vif3.0").orElseThrow().locking().mode());

        d.bridge = "xenbr8";
        ports.move("vm1", d, "xenbr9");
        assertTrue(sim.vif("xenbr9", "vif3.0").isEmpty());
        assertEquals(VifLocking.Mode.DISABLED, sim.vif("xenbr8", "vif3.0").orElseThrow().locking().mode());

        ports.unplug(d);
        assertTrue(sim.vif("xenbr8", "vif3.0").isEmpty());
        ports.unplug(d); // idempotent, as networkd's call
    }

    @Test
    void aPlugNetworkdRefusesIsAXenopsErrorNamingTheTap() {
        XenopsException e = assertThrows(XenopsException.class, () -> ports.plug("vm1", tap("xenbr7")));
        String text = String.join(" ", e.errorDescription());
        assertTrue(text.contains("vif3.0") && text.contains("xenbr7"), text);
    }

    @Test
    void theVifsSwitchFieldsSurviveTheDomainFile() throws Exception {
        Device d = tap("xenbr9");
        Device back = Device.fromJson(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(org.jxapi.xenops.json.XenopsJson.writeString(d.toJson())));
        assertTrue(back.switchManaged);
        assertEquals(9000, back.mtu);
        assertEquals(100, back.rateKbps);
        assertEquals(d.locking, back.locking);
    }
}
