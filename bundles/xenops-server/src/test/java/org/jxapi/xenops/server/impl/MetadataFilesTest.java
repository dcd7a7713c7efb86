package org.jxapi.xenops.server.impl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A toolstack upgrade keeps running VMs' metadata: files as the hand-written codec wrote them
 * (these bytes are its output) read back, and are written again byte for byte.
 */
class MetadataFilesTest {
    private static final String CONFIG = "{\"id\":\"old-vm\",\"name\":\"kept\",\"ssidref\":0,\"xsdata\":{},"
            + "\"platformdata\":{},\"bios_strings\":{},\"ty\":[\"HVM\",{\"hap\":true,\"shadow_multiplier\":1.0,"
            + "\"timeoffset\":\"\",\"video_mib\":4,\"video\":\"Cirrus\",\"acpi\":true,\"pci_emulations\":[],"
            + "\"pci_passthrough\":false,\"boot_order\":\"\",\"qemu_disk_cmdline\":false,\"qemu_stubdom\":false,"
            + "\"firmware\":\"Bios\"}],\"suppress_spurious_page_faults\":false,\"memory_static_max\":134217728,"
            + "\"memory_dynamic_max\":134217728,\"memory_dynamic_min\":134217728,\"vcpu_max\":2,\"vcpus\":2,"
            + "\"scheduler_params\":{\"affinity\":[]},\"on_crash\":[\"Shutdown\"],\"on_shutdown\":[\"Shutdown\"],"
            + "\"on_reboot\":[\"Start\"],\"on_softreboot\":[\"Softreboot\"],\"pci_msitranslate\":true,"
            + "\"pci_power_mgmt\":false,\"has_vendor_device\":false}";
    private static final String VBD = "{\"id\":[\"old-vm\",\"xvda\"],\"mode\":\"ReadWrite\",\"backend\":[\"VDI\","
            + "\"sr/vdi\"],\"ty\":\"Disk\",\"unpluggable\":true,\"extra_backend_keys\":{},\"extra_private_keys\":{},"
            + "\"persistent\":true,\"can_attach_early\":false}";

    @TempDir
    Path dir;

    @Test
    void filesInTodaysShapeReadBackAndAreWrittenTheSame() throws Exception {
        Path vmDir = Files.createDirectories(dir.resolve("VM").resolve("old-vm"));
        Files.writeString(vmDir.resolve("config"), CONFIG);
        Files.writeString(vmDir.resolve("vbd.xvda"), VBD);
        MetadataStore store = new MetadataStore(dir, false);
        Vm vm = store.vmExn("old-vm");
        assertEquals(Vm.builder("old-vm").name("kept").build(), vm);
        Vbd vbd = store.vbdExn(new DeviceId("old-vm", "xvda"));
        assertEquals(Vbd.disk(new DeviceId("old-vm", "xvda"), Vbd.Mode.READ_WRITE, Disk.vdi("sr/vdi")), vbd);
        // Writing them again gives the same bytes: the shape did not move.
        Files.delete(vmDir.resolve("config"));
        Files.delete(vmDir.resolve("vbd.xvda"));
        MetadataStore fresh = new MetadataStore(dir.resolve("fresh"), false);
        fresh.putVm(vm);
        fresh.putVbd(vbd);
        Path written = dir.resolve("fresh").resolve("VM").resolve("old-vm");
        assertEquals(CONFIG, Files.readString(written.resolve("config"), StandardCharsets.UTF_8));
        assertEquals(VBD, Files.readString(written.resolve("vbd.xvda"), StandardCharsets.UTF_8));
    }
}
