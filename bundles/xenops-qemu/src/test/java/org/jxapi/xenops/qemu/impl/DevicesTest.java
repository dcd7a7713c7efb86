package org.jxapi.xenops.qemu.impl;

import static org.jxapi.xenops.qemu.impl.Guests.DBG;
import static org.jxapi.xenops.qemu.impl.Guests.await;
import static org.jxapi.xenops.qemu.impl.Guests.sh;
import static org.jxapi.xenops.qemu.impl.Guests.success;
import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.SchedulerParams;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.spi.TestTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Devices of one running test guest, driven through the xenops engine and checked from inside the
 * guest through its agent: disks and a CD drive at boot, hot-plug and unplug of a disk and a NIC,
 * guest-initiated unplug and eject, carrier, vCPU hot-plug, ballooning, I/O throttling, SMBIOS
 * strings, the RTC offset, vCPU affinity and the figures for VM_metrics.
 */
@org.junit.jupiter.api.Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevicesTest {
    private Path dir;
    private EngineFixture f;
    private Vm vm;
    private Path iso;

    @BeforeAll
    void boot(@TempDir Path tmp) throws Exception {
        dir = tmp;
        f = new EngineFixture(dir);
        Path root = dir.resolve("root.img");
        try (RandomAccessFile r = new RandomAccessFile(root.toFile(), "rw")) {
            r.setLength(16L << 20);
        }
        iso = dir.resolve("cd.iso");
        Files.write(iso, new byte[1 << 20]);
        vm = Guests.vm("devices", 1, 2)
                .biosStrings(Map.of("system-manufacturer", "jxapi-test-vendor", "system-product-name", "Qemu, Test"))
                .platformdata(Map.of("timeoffset", "3600"))
                .schedulerParams(new SchedulerParams(null, null, List.of(List.of(0))))
                .build();
        f.x.vmAdd(DBG, vm);
        f.x.vbdAdd(DBG, new Vbd(new DeviceId(vm.id(), "xvda"), new DeviceNumber(DeviceNumber.Bus.XEN, 0, 0),
                Vbd.Mode.READ_WRITE, Disk.local(root.toString()), Vbd.Type.DISK, true, Map.of(), Map.of(), null,
                true, false));
        f.x.vbdAdd(DBG, new Vbd(new DeviceId(vm.id(), "hdd"), new DeviceNumber(DeviceNumber.Bus.IDE, 3, 0),
                Vbd.Mode.READ_ONLY, Disk.local(iso.toString()), Vbd.Type.CDROM, false, Map.of(), Map.of(), null,
                true, false));
        f.x.vifAdd(DBG, Vif.of(new DeviceId(vm.id(), "0"), 0, "02:00:00:00:00:10", "xenbr-missing"));
        f.boot(vm);
    }

    @AfterAll
    void shutdown() {
        f.close();
    }

    @Test
    @Order(1)
    void devicesAtBootAndPlatformSettingsAreSeenByTheGuest() {
        assertEquals("sr0 vda", sh(f.backend, vm, "ls /sys/block | grep -E 'vd|sr' | sort | xargs"));
        assertNotEquals("0", sh(f.backend, vm, "cat /sys/block/sr0/size"), "the CD has a medium");
        assertEquals("02:00:00:00:00:10", sh(f.backend, vm, "cat /sys/class/net/eth0/address"));
        assertEquals("jxapi-test-vendor", sh(f.backend, vm, "cat /sys/class/dmi/id/sys_vendor"));
        assertEquals("Qemu, Test", sh(f.backend, vm, "cat /sys/class/dmi/id/product_name"));
        long guestRtc = Long.parseLong(sh(f.backend, vm, "cat /sys/class/rtc/rtc0/since_epoch"));
        long skew = guestRtc - System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(skew - 3600) < 60, "the RTC runs platform:timeoffset ahead: " + skew);
        assertEquals("3600", f.x.vmStat(DBG, vm.id()).state().rtcTimeoffset());
        Domain d = f.domain(vm);
        long tid = Memory.vcpus(d.qmp).get(0).threadId();
        assertEquals(1L << 0, affinityMask(tid), "vCPU 0 is pinned to host CPU 0");
    }

    private static long affinityMask(long tid) {
        try {
            Process p = new ProcessBuilder("taskset", "-p", Long.toString(tid)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out.substring(out.lastIndexOf(' ') + 1), 16);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(2)
    void aDiskAndANicArePluggedAndUnpluggedWhileTheGuestRuns() throws Exception {
        Path extra = dir.resolve("extra.qcow2");
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", extra.toString(), "8M").start();
        assertEquals(0, p.waitFor());
        DeviceId disk = f.x.vbdAdd(DBG, Vbd.disk(new DeviceId(vm.id(), "xvdb"), Vbd.Mode.READ_WRITE,
                Disk.local(extra.toString())));
        success(f.x, f.x.vbdPlug(DBG, disk));
        await("the guest sees the new disk", Duration.ofSeconds(30),
                () -> sh(f.backend, vm, "ls /sys/block").contains("vdb"));
        assertEquals("16384", sh(f.backend, vm, "cat /sys/block/vdb/size"), "8 MiB in 512-byte sectors (qcow2 read as qcow2)");

        DeviceId nic = f.x.vifAdd(DBG, Vif.of(new DeviceId(vm.id(), "1"), 1, "02:00:00:00:00:11", "xenbr-missing"));
        success(f.x, f.x.vifPlug(DBG, nic));
        await("the guest sees the new NIC and gets an address on it", Duration.ofSeconds(60),
                () -> f.x.vmStat(DBG, vm.id()).state().guestAgent().containsKey("attr/vif/1/ipv4/0"));
        assertEquals("02:00:00:00:00:11", sh(f.backend, vm, "cat /sys/class/net/eth1/address"));

        success(f.x, f.x.vifSetCarrier(DBG, nic, false));
        await("carrier off", Duration.ofSeconds(10), () -> sh(f.backend, vm, "cat /sys/class/net/eth1/carrier").equals("0"));
        assertFalse(f.x.vifStat(DBG, nic).state().mediaPresent());
        success(f.x, f.x.vifSetCarrier(DBG, nic, true));
        await("carrier on", Duration.ofSeconds(10), () -> sh(f.backend, vm, "cat /sys/class/net/eth1/carrier").equals("1"));

        success(f.x, f.x.vbdUnplug(DBG, disk, false));
        assertFalse(f.x.vbdStat(DBG, disk).state().plugged());
        assertFalse(sh(f.backend, vm, "ls /sys/block").contains("vdb"), "the guest let go of the disk");

        // The guest unplugs the NIC itself (ACPI slot power off); xenops notices and unplugs the VIF.
        sh(f.backend, vm, "a=$(basename $(readlink -f /sys/class/net/eth1/device/..)); "
                + "for s in /sys/bus/pci/slots/*; do [ \"$(cat $s/address).0\" = \"$a\" ] && echo 0 > $s/power; done");
        await("the engine sees the guest-initiated unplug", Duration.ofSeconds(30),
                () -> !f.x.vifStat(DBG, nic).state().plugged());
        assertFalse(sh(f.backend, vm, "ls /sys/class/net").contains("eth1"));
    }

    @Test
    @Order(3)
    void theCdIsEjectedAndInsertedAndTheGuestCanEjectIt() {
        DeviceId cd = new DeviceId(vm.id(), "hdd");
        success(f.x, f.x.vbdEject(DBG, cd));
        assertNull(f.x.vbdStat(DBG, cd).state().backendPresent());
        await("the guest sees no medium", Duration.ofSeconds(10),
                () -> sh(f.backend, vm, "blockdev --getsize64 /dev/sr0 2>&1").contains("medium"));
        success(f.x, f.x.vbdInsert(DBG, cd, Disk.local(iso.toString())));
        assertEquals(Disk.local(iso.toString()), f.x.vbdStat(DBG, cd).state().backendPresent());
        await("the guest sees the medium again", Duration.ofSeconds(10),
                () -> sh(f.backend, vm, "blockdev --getsize64 /dev/sr0 2>&1").equals(Long.toString(1 << 20)));
        // Past the window in which tray moves count as ours, or the guest's eject would be taken for one.
        await("our own tray moves are past", Duration.ofSeconds(10), () -> ownTrayMovesPast(f.domain(vm)));
        String ej = sh(f.backend, vm, "cdeject; echo rc=$?");
        assertTrue(ej.endsWith("rc=0"), ej);
        await("a guest-initiated eject empties the drive", Duration.ofSeconds(20),
                () -> f.x.vbdStat(DBG, cd).state().backendPresent() == null);
    }

    @Test
    @Order(4)
    void vcpusAreHotPluggedAndUnplugged() {
        success(f.x, f.x.vmSetVcpus(DBG, vm.id(), 2));
        await("the second vCPU comes online", Duration.ofSeconds(30),
                () -> sh(f.backend, vm, "cat /sys/devices/system/cpu/online").equals("0-1"));
        assertEquals(2, f.x.vmStat(DBG, vm.id()).state().vcpuTarget());
        success(f.x, f.x.vmSetVcpus(DBG, vm.id(), 1));
        await("the second vCPU goes", Duration.ofSeconds(30),
                () -> sh(f.backend, vm, "cat /sys/devices/system/cpu/online").equals("0"));
    }

    @Test
    @Order(5)
    void theBalloonFollowsTheDynamicRangeAndThrottlingApplies() {
        success(f.x, f.x.vmSetMemoryDynamicRange(DBG, vm.id(), 64L << 20, 96L << 20));
        await("the balloon driver gives back 32 MiB", Duration.ofSeconds(30),
                () -> f.backend.stats(vm).memoryActual() == 96L << 20);
        assertFalse(f.x.vmStat(DBG, vm.id()).state().uncooperativeBalloonDriver());

        Vbd root = f.x.vbdStat(DBG, new DeviceId(vm.id(), "xvda")).config();
        Vbd limited = new Vbd(root.id(), root.position(), root.mode(), root.backend(), root.type(), root.unpluggable(),
                Map.of("qos.iops", "100", "qos.bps", "1048576"), Map.of(), root.qos(), root.persistent(), false);
        f.backend.vbd().setQos(new TestTask("qos"), vm.id(), limited);
        JsonNode inserted = null;
        for (JsonNode b : f.domain(vm).qmp.call("query-block")) {
            if (b.path("qdev").asText("").contains("vbd-xvda")) {
                inserted = b.path("inserted");
            }
        }
        assertNotNull(inserted);
        assertEquals(100L, inserted.path("iops").longValue());
        assertEquals(1048576L, inserted.path("bps").longValue());
    }

    @Test
    @Order(6)
    void statsCoverVcpusMemoryDisksAndNics() {
        sh(f.backend, vm, "dd if=/dev/vda of=/dev/null bs=64k count=16 2>/dev/null; true");
        Stats.VmStats s = f.backend.stats(vm);
        assertEquals(1, s.vcpuTimeNanos().size());
        assertTrue(s.vcpuTimeNanos().get(0) > 0, "vCPU time");
        assertTrue(s.disks().get("xvda").readBytes() >= 1 << 20, "disk counters: " + s.disks());
        await("NIC counters through the agent", Duration.ofSeconds(10),
                () -> f.backend.stats(vm).nics().get("0").rxBytes() > 0);
        Map<String, String> agent = f.x.vmStat(DBG, vm.id()).state().guestAgent();
        assertEquals("jxapi-testguest", agent.get("data/os_distro"));
        assertTrue(f.x.vmStat(DBG, vm.id()).state().pvDriversDetected(), "the agent counts as guest tools");
    }

    private static boolean ownTrayMovesPast(Domain d) {
        synchronized (d) {
            double last = d.ownTrayMoves.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return Hypervisor.now() - last > Events.OWN_TRAY_MOVE_SECONDS;
        }
    }
}
