package org.jxapi.networkd.spi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.Vlan;
import org.junit.jupiter.api.Test;

/** What a backend's {@link BridgeBackend} must do, as the engine relies on it. */
public abstract class BridgeContract extends BackendContractSupport {
    private BridgeBackend bridges() {
        return backend.bridges();
    }

    @Test
    public void aCreatedBridgeIsListedWithItsDeviceAndADestroyedOneIsGone() {
        String b = newBridge();
        assertTrue(bridges().list().contains(b));
        assertNotNull(bridges().state(b));
        assertNotNull(backend.interfaces().state(b), "the bridge's own device");
        bridges().destroy(b, false);
        assertFalse(bridges().list().contains(b));
        assertNull(bridges().state(b));
        bridges().destroy(b, false); // idempotent
    }

    @Test
    public void createTwiceIsCreateOnceAndAVlanOfAMissingParentDoesNotExist() {
        String b = newBridge();
        String mac = bridges().state(b).mac();
        bridges().create(b, null, null, null, Map.of());
        assertEquals(1, bridges().list().stream().filter(b::equals).count());
        assertEquals(mac, bridges().state(b).mac());
        String missing = uniqueName("m");
        NetworkdException e = assertThrows(NetworkdException.class,
                () -> bridges().create(uniqueName("v"), new Vlan(missing, 100), null, null, Map.of()));
        assertTrue(e.errorCode() == NetworkdErrorCode.DOES_NOT_EXIST
                || !supportsVlans() && e.errorCode() == NetworkdErrorCode.KERNEL_FEATURE_MISSING, e::getMessage);
    }

    @Test
    public void aVlanBridgeIsOfItsParentAndASecondBridgeForTheSameTagIsVlanInUse() {
        String parent = newBridge();
        bridges().addPort(parent, spare(0), PortConfig.of(spare(0)));
        if (!supportsVlans()) {
            assertNetworkdError(NetworkdErrorCode.KERNEL_FEATURE_MISSING, () -> newVlanBridge(parent, 100));
            return;
        }
        String child = newVlanBridge(parent, 100);
        assertEquals(new Vlan(parent, 100), bridges().state(child).vlan());
        assertEquals(List.of(spare(0)), bridges().physicalInterfaces(child));
        newVlanBridge(parent, 200); // another tag is fine
        assertNetworkdError(NetworkdErrorCode.VLAN_IN_USE, () -> newVlanBridge(parent, 100));
    }

    @Test
    public void aPlainPortIsOnTheBridgeAndAPortOfAMissingBridgeDoesNotExist() {
        String b = newBridge();
        bridges().addPort(b, spare(0), PortConfig.of(spare(0)));
        assertEquals(List.of(spare(0)), bridges().state(b).ports().get(spare(0)).interfaces());
        assertTrue(bridges().interfaces(b).contains(spare(0)));
        assertEquals(List.of(spare(0)), bridges().physicalInterfaces(b));
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST,
                () -> bridges().addPort(uniqueName("m"), spare(0), PortConfig.of(spare(0))));
    }

    @Test
    public void addingAPortTwiceIsOnceAndAMissingInterfaceDoesNotExist() {
        String b = newBridge();
        bridges().addPort(b, spare(0), PortConfig.of(spare(0)));
        bridges().addPort(b, spare(0), PortConfig.of(spare(0)));
        assertEquals(1, bridges().interfaces(b).stream().filter(spare(0)::equals).count());
        String missing = uniqueName("n");
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST, () -> bridges().addPort(b, missing, PortConfig.of(missing)));
    }

    @Test
    public void aRemovedPortIsGoneAndRemovingFromAMissingBridgeDoesNotExist() {
        String b = newBridge();
        bridges().addPort(b, spare(0), PortConfig.of(spare(0)));
        bridges().removePort(b, spare(0));
        assertFalse(bridges().state(b).ports().containsKey(spare(0)));
        assertFalse(bridges().interfaces(b).contains(spare(0)));
        bridges().removePort(b, spare(0)); // idempotent
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST, () -> bridges().removePort(uniqueName("m"), spare(0)));
    }

    @Test
    public void aBondPortHasBothNicsAndABondWithAMissingMemberDoesNotExist() {
        String b = newBridge();
        String bond = uniqueName("o");
        PortConfig config = PortConfig.bond(List.of(spare(0), spare(1)), Map.of("mode", "active-backup"), null);
        if (!supportsBonds()) {
            assertNetworkdError(NetworkdErrorCode.KERNEL_FEATURE_MISSING, () -> bridges().addPort(b, bond, config));
            return;
        }
        bridges().addPort(b, bond, config);
        assertEquals(List.of(spare(0), spare(1)), bridges().state(b).ports().get(bond).interfaces());
        assertTrue(bridges().physicalInterfaces(b).containsAll(List.of(spare(0), spare(1))));
        PortConfig broken = PortConfig.bond(List.of(spare(0), uniqueName("n")), Map.of("mode", "active-backup"), null);
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST, () -> bridges().addPort(b, uniqueName("o"), broken));
    }

    @Test
    public void aTunnelPortKeepsItsRemoteEndAndATunnelOnAMissingBridgeDoesNotExist() {
        String b = newBridge();
        String port = uniqueName("t");
        Tunnel t = new Tunnel(Tunnel.Protocol.VXLAN, "192.0.2.2", "100");
        bridges().addPort(b, port, PortConfig.tunnel(t));
        assertEquals(t, bridges().state(b).ports().get(port).tunnel());
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST,
                () -> bridges().addPort(uniqueName("m"), port, PortConfig.tunnel(t)));
    }

    @Test
    public void destroyWithoutForceKeepsABridgeWithPortsAndForceDestroysIt() {
        String b = newBridge();
        bridges().addPort(b, spare(0), PortConfig.of(spare(0)));
        bridges().destroy(b, false);
        assertNotNull(bridges().state(b), "not forced: a bridge with ports stays, as in the original");
        bridges().destroy(b, true);
        assertNull(bridges().state(b));
        assertNotNull(backend.interfaces().state(spare(0)), "the NIC outlives its bridge");
    }
}
