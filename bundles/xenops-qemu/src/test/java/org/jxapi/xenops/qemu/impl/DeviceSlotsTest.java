package org.jxapi.xenops.qemu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Virtio disks and NICs sit at PCI slots fixed by their position, whatever order they were
 * plugged in: a suspend image or migration stream only loads into a qemu with the same layout.
 */
class DeviceSlotsTest {
    private static Device nic(int position) {
        Device d = new Device(Device.Kind.VIF, Integer.toString(position));
        d.qemuId = Nics.deviceId(d.name);
        d.mac = "02:00:00:00:00:0" + position;
        d.model = "virtio-net-pci";
        d.netdev = "user";
        d.pciSlot = Device.slotFor(Device.FIRST_NIC_SLOT, position);
        return d;
    }

    private static Device disk(int position) {
        Device d = new Device(Device.Kind.VBD, "xvd" + (char) ('a' + position));
        d.qemuId = Disks.deviceId(d.name);
        d.bus = "virtio";
        d.pciSlot = Device.slotFor(Device.FIRST_DISK_SLOT, position);
        return d;
    }

    @Test
    void slotsComeFromPositions() {
        assertEquals("0x10", Nics.device(nic(0)).get("addr"));
        assertEquals("0x11", Nics.device(nic(1)).get("addr"));
        assertEquals("0x9", Disks.device(disk(1)).get("addr"));
        // Beyond the reserved range qemu chooses.
        assertFalse(Nics.device(nic(8)).containsKey("addr"));
        assertEquals(-1, Device.slotFor(Device.FIRST_DISK_SLOT, -1));
    }

    @Test
    void theSlotIsKeptWithTheDomain() {
        Device d = nic(2);
        Map<String, Object> json = d.toJson();
        assertEquals(18, Device.fromJson(Qmp.JSON.valueToTree(json)).pciSlot);
        json.remove("pci_slot");
        assertEquals(-1, Device.fromJson(Qmp.JSON.valueToTree(json)).pciSlot, "a domain recorded before slots were fixed");
    }
}
