package org.jxapi.networkd.spi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a backend's {@link VifBackend} must do, as the engine relies on it. The subclass makes the
 * guest's device as qemu would (a tap in the test's namespace) and removes it afterwards.
 */
public abstract class VifContract extends BackendContractSupport {
    private final List<String> devicesMade = new ArrayList<>();

    /** Makes a guest device (a tap, down, on no bridge) named {@code name}. */
    protected abstract void createGuestDevice(String name) throws Exception;

    protected abstract void removeGuestDevice(String name) throws Exception;

    private VifBackend vifs() {
        return backend.vifs();
    }

    protected String newGuestDevice() throws Exception {
        String name = uniqueName("g");
        createGuestDevice(name);
        devicesMade.add(name);
        return name;
    }

    @AfterEach
    public void removeGuestDevices() throws Exception {
        for (String d : devicesMade) {
            removeGuestDevice(d);
        }
    }

    private static VifPort port(String bridge, String device) {
        return new VifPort(bridge, device, "00000000-0000-0000-0000-000000000001/0", "00:16:3e:00:00:01", 1400, true,
                VifLocking.UNLOCKED, 0);
    }

    @Test
    public void plugPutsTheDeviceOnTheBridgeWithItsMtuAndAMissingBridgeDoesNotExist() throws Exception {
        String b = newBridge();
        String dev = newGuestDevice();
        vifs().plug(port(b, dev));
        assertEquals(List.of(dev), vifs().devices(b));
        assertTrue(backend.bridges().interfaces(b).contains(dev));
        assertFalse(backend.bridges().state(b).ports().containsKey(dev), "guests are not the bridge's configured ports");
        assertEquals(1400, backend.interfaces().state(dev).mtu());
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST, () -> vifs().plug(port(uniqueName("m"), dev)));
    }

    @Test
    public void plugTwiceIsOnceAndPlugOnAnotherBridgeMovesTheDevice() throws Exception {
        String b1 = newBridge();
        String b2 = newBridge();
        String dev = newGuestDevice();
        vifs().plug(port(b1, dev));
        vifs().plug(port(b1, dev));
        assertEquals(List.of(dev), vifs().devices(b1));
        vifs().unplug(b1, dev);
        vifs().plug(port(b2, dev));
        assertEquals(List.of(), vifs().devices(b1));
        assertEquals(List.of(dev), vifs().devices(b2));
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST, () -> vifs().plug(port(b2, uniqueName("n"))));
    }

    @Test
    public void unplugTakesTheDeviceOffAndIsIdempotent() throws Exception {
        String b = newBridge();
        String dev = newGuestDevice();
        vifs().plug(port(b, dev));
        vifs().unplug(b, dev);
        assertEquals(List.of(), vifs().devices(b));
        vifs().unplug(b, dev);
        vifs().unplug(uniqueName("m"), dev);
        assertNotNull(backend.interfaces().state(dev), "the device is qemu's; unplug leaves it");
    }

    @Test
    public void lockingChangesOnAPluggedDeviceAndAnUnpluggedOneDoesNotExist() throws Exception {
        String b = newBridge();
        String dev = newGuestDevice();
        vifs().plug(port(b, dev));
        String mac = "00:16:3e:00:00:01";
        vifs().setLocking(b, dev, mac, new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.20"), List.of()));
        vifs().setLocking(b, dev, mac, new VifLocking(VifLocking.Mode.DISABLED, List.of(), List.of()));
        vifs().setLocking(b, dev, mac, VifLocking.UNLOCKED);
        assertEquals(List.of(dev), vifs().devices(b));
        vifs().unplug(b, dev);
        assertNetworkdError(NetworkdErrorCode.DOES_NOT_EXIST, () -> vifs().setLocking(b, dev, mac,
                new VifLocking(VifLocking.Mode.LOCKED, List.of("192.0.2.20"), List.of())));
    }
}
