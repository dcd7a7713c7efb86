package org.jxapi.xenops.qemu.impl;

import static org.jxapi.xenops.qemu.impl.Guests.DBG;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.PvBoot;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.VideoCard;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boot settings: kernel whitelisting, firmware, video, SMBIOS strings, and the qemu command line. */
@org.junit.jupiter.api.Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class BootConfigTest {
    @TempDir
    Path dir;

    @Test
    void aKernelOutsideTheAllowedDirectoriesIsRefused() throws Exception {
        Path kernel = dir.resolve("vmlinuz");
        Files.copy(TestGuest.build().kernel(), kernel);
        try (EngineFixture f = new EngineFixture(dir)) {
            Vm vm = Guests.vm("whitelist", 1, 1).builderInfo(PvInfo.direct(kernel.toString(), "console=ttyS0"))
                    .build();
            f.x.vmAdd(DBG, vm);
            String t = f.x.vmStart(DBG, vm.id(), false);
            TaskInfo info = Guests.waitTask(f.x, t, java.time.Duration.ofSeconds(60));
            assertEquals(TaskState.Status.FAILED, info.state().status());
            assertEquals(XenopsErrorCode.BOOTLOADER_ERROR, info.state().error().code());
            assertEquals(PowerState.HALTED, f.x.vmStat(DBG, vm.id()).state().powerState(), "nothing is left running");
        }
    }

    @Test
    void aUefiGuestWithStdvgaStartsAndShowsItsFirmwareOnVnc() {
        try (EngineFixture f = new EngineFixture(dir)) {
            HvmInfo hvm = new HvmInfo(true, 1.0, "", 16, VideoCard.STANDARD_VGA, true, null, null, null, List.of(),
                    false, "dc", false, false, HvmInfo.Firmware.UEFI, null);
            Vm vm = Guests.vm("uefi", 1, 1).builderInfo(hvm).build();
            f.x.vmAdd(DBG, vm);
            Guests.success(f.x, f.x.vmStart(DBG, vm.id(), false));
            Guests.success(f.x, f.x.vmUnpause(DBG, vm.id()));
            List<String> cmd = QemuProcess.cmdline(f.domain(vm).pid);
            assertTrue(cmd.stream().anyMatch(a -> a.contains("OVMF_CODE")), cmd.toString());
            assertTrue(cmd.contains("VGA,vgamem_mb=16"), cmd.toString());
            assertTrue(cmd.contains("order=dc"), cmd.toString());
            assertTrue(Files.exists(dir.resolve("qemu/vms").resolve(DomainTable.safe(vm.id())).resolve("OVMF_VARS.fd")),
                    "the VM has its own UEFI variable store");
            assertEquals(PowerState.RUNNING, f.x.vmStat(DBG, vm.id()).state().powerState());
            Guests.success(f.x, f.x.vmShutdown(DBG, vm.id(), null));
        }
    }

    @Test
    void smbiosStringsAreEscapedForQemu() {
        List<String> a = new ArrayList<>();
        CommandLine.smbios(a, Map.of("bios-vendor", "Acme, Inc", "oem-1", "x"));
        assertTrue(a.contains("type=0,vendor=Acme,, Inc"), a.toString());
        assertTrue(a.contains("type=11,value=x"), a.toString());
    }

    @Test
    void theGuestIsBuiltFromAStaticBusyboxAndAPlainCpio() throws Exception {
        TestGuest.Guest g = TestGuest.build();
        assertTrue(Files.size(g.kernel()) > 1 << 20);
        byte[] head = Files.readAllBytes(g.initrd());
        assertEquals("070701", new String(head, 0, 6), "newc cpio");
        assertTrue(g.kernelPackage().startsWith("linux-image-"), g.kernelPackage());
        assertEquals(PvBoot.Direct.class, new PvBoot.Direct(g.kernel().toString(), g.cmdline(), null).getClass());
    }
}
