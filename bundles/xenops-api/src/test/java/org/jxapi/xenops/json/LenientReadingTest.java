package org.jxapi.xenops.json;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Console;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DomainType;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.IoniceQos;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.Query;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.junit.jupiter.api.Test;

/**
 * What the readers accept beyond what the writers write: the original's defaults for absent fields
 * and the alternative spellings its clients use. Pinned before the hand walkers became Jackson mappings.
 */
class LenientReadingTest {
    private static <T> T read(Class<T> type, String json) {
        return XenopsJson.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static <T> T fromPlain(Class<T> type, String json) {
        return XenopsJson.fromPlain(XenopsJson.parse(json), type);
    }

    @Test
    void absentVmFieldsTakeTheOriginalsDefaults() {
        Vm vm = fromPlain(Vm.class, "{\"id\": \"a\", \"ty\": [\"HVM\", {}]}");
        assertEquals("unnamed", vm.name());
        assertEquals(1, vm.vcpus());
        assertEquals(1, vm.vcpuMax());
        assertTrue(vm.pciMsitranslate());
        assertFalse(vm.pciPowerMgmt());
        assertNull(vm.machineAddressSize());
        assertEquals(Map.of(), vm.xsdata());
        assertEquals(List.of(), vm.onCrash());
        HvmInfo h = (HvmInfo) vm.builderInfo();
        assertTrue(h.hap());
        assertTrue(h.acpi());
        assertEquals(1.0, h.shadowMultiplier());
        assertEquals(4, h.videoMib());
        assertEquals(HvmInfo.Firmware.BIOS, h.firmware());
        assertNull(h.serial());
        assertEquals(org.jxapi.xenops.api.VideoCard.CIRRUS, h.video());
        PvInfo pv = (PvInfo) read(Vm.class, "{\"id\": \"b\", \"ty\": [\"PVinPVH\", {\"boot\": [\"Direct\", {}]}]}")
                .builderInfo();
        assertEquals(PvInfo.Flavour.PV_IN_PVH, pv.flavour());
        assertTrue(pv.framebuffer());
        assertTrue(pv.vncterm());
    }

    @Test
    void vmOptionsAndMapsComeInEveryAcceptedSpelling() {
        Vm vm = read(Vm.class, "{\"id\": \"a\", \"ty\": [\"HVM\", {\"video\": [\"IGD_passthrough\", \"GVT_d\"],"
                + " \"firmware\": [\"Uefi\", {}], \"tpm\": [\"Vtpm\", \"t1\"], \"serial\": [\"pty\"], \"keymap\": []}],"
                + " \"xsdata\": [[\"k\", \"v\"]], \"platformdata\": {\"n\": 1}, \"machine_address_size\": [32],"
                + " \"generation_id\": \"g\", \"ssidref\": \"5\", \"scheduler_params\": {\"priority\": [[7, 8]]}}");
        HvmInfo h = (HvmInfo) vm.builderInfo();
        assertEquals(org.jxapi.xenops.api.VideoCard.IGD_PASSTHROUGH, h.video());
        assertEquals(HvmInfo.Firmware.UEFI, h.firmware());
        assertEquals("t1", h.tpm());
        assertEquals("pty", h.serial());
        assertNull(h.keymap());
        assertEquals(Map.of("k", "v"), vm.xsdata());
        assertEquals(Map.of("n", "1"), vm.platformdata(), "a number where a string is expected reads as its text");
        assertEquals(32, vm.machineAddressSize());
        assertEquals("g", vm.generationId());
        assertEquals(5, vm.ssidref(), "an integer may come as a string");
        assertEquals(7, vm.schedulerParams().weight());
        assertEquals(8, vm.schedulerParams().cap());
    }

    @Test
    void absentDeviceFieldsTakeTheOriginalsDefaults() {
        Vif vif = read(Vif.class, "{\"id\": [\"vm\", \"0\"]}");
        assertEquals(1500, vif.mtu());
        assertTrue(vif.carrier());
        assertEquals(Network.local("xenbr0"), vif.backend());
        assertEquals(LockingMode.unlocked(), vif.lockingMode());
        assertEquals(IpConfiguration.unspecified(), vif.ipv4Configuration());
        Vbd vbd = read(Vbd.class, "{\"id\": [\"vm\", \"xvda\"], \"mode\": \"Whatever\", \"ty\": \"Other\"}");
        assertTrue(vbd.unpluggable());
        assertTrue(vbd.persistent());
        assertFalse(vbd.canAttachEarly());
        assertEquals(Vbd.Mode.READ_WRITE, vbd.mode());
        assertEquals(Vbd.Type.DISK, vbd.type());
        assertNull(vbd.position());
        assertNull(vbd.backend());
        Vusb u = read(Vusb.class, "{\"id\": [\"vm\", \"0\"]}");
        assertEquals("", u.hostbus());
        assertEquals("", u.path());
        Vgpu g = read(Vgpu.class, "{\"id\": [\"vm\", \"0\"]}");
        assertEquals("Empty", g.implementation());
        assertEquals(Map.of(), g.implementationParams());
    }

    @Test
    void deviceOptionsAndVariantsComeInEveryAcceptedSpelling() {
        Vbd vbd = read(Vbd.class, "{\"id\": [\"vm\", \"xvda\"], \"position\": [[\"Ide\", 1, 0]],"
                + " \"backend\": [[\"Local\", \"/dev/sda\"]], \"qos\": [\"Ionice\", [\"BestEffort\", [\"Other\", 4]]],"
                + " \"extra_backend_keys\": [[\"a\", \"b\"]]}");
        assertEquals(new DeviceNumber(DeviceNumber.Bus.IDE, 1, 0), vbd.position());
        assertEquals(Disk.local("/dev/sda"), vbd.backend());
        assertEquals(new IoniceQos("BestEffort", "4"), vbd.qos());
        assertEquals(Map.of("a", "b"), vbd.extraBackendKeys());
        assertEquals(new IoniceQos("Idle", null), read(Vbd.class,
                "{\"id\": [\"vm\", \"xvda\"], \"qos\": [\"Ionice\", \"Idle\"]}").qos());
        assertEquals(new IoniceQos("RealTime", "Highest"), read(Vbd.class,
                "{\"id\": [\"vm\", \"xvda\"], \"qos\": [\"Ionice\", [\"RealTime\", \"Highest\"]]}").qos());
        Vif vif = read(Vif.class, "{\"id\": [\"vm\", \"0\"], \"rate\": [[10, 20]], \"vlan\": [3],"
                + " \"backend\": [\"Sriov\", \"0000:03:00.1\"], \"locking_mode\": \"Disabled\","
                + " \"ipv4_configuration\": [\"Static4\", [[\"10.0.0.2/24\"], [\"10.0.0.1\"]]],"
                + " \"ipv6_configuration\": [\"Static6\", [[\"fe80::1/64\"], []]]}");
        assertEquals(new Vif.Rate(10, 20), vif.rate());
        assertEquals(3L, vif.vlan());
        assertEquals(Network.sriov(new PciAddress(0, 3, 0, 1)), vif.backend());
        assertEquals(LockingMode.Kind.DISABLED, vif.lockingMode().kind());
        assertEquals(new IpConfiguration(IpConfiguration.Kind.STATIC, List.of("10.0.0.2/24"), "10.0.0.1"),
                vif.ipv4Configuration());
        assertEquals(new IpConfiguration(IpConfiguration.Kind.STATIC, List.of("fe80::1/64"), null),
                vif.ipv6Configuration());
        Pci pci = read(Pci.class, "{\"id\": [\"vm\", \"0\"], \"address\": {\"bus\": 4}, \"msitranslate\": [true]}");
        assertEquals(new PciAddress(0, 4, 0, 0), pci.address());
        assertEquals(Boolean.TRUE, pci.msitranslate());
        assertNull(pci.powerMgmt());
    }

    @Test
    void statesTasksAndHostsTakeTheOriginalsDefaults() {
        VmState s = read(VmState.class, "{\"power_state\": \"Running\", \"domain_type\": \"Domain_new\","
                + " \"consoles\": [{\"protocol\": [\"Rfb\"], \"port\": 5900}, {\"protocol\": \"Other\"}],"
                + " \"numa_node_memory\": [[0, 1024]]}");
        assertEquals(1.0, s.shadowMultiplierTarget());
        assertEquals(DomainType.UNDEFINED, s.domainType(), "an unknown domain type");
        assertEquals(new Console(Console.Protocol.RFB, 5900, ""), s.consoles().get(0));
        assertEquals(Console.Protocol.VT100, s.consoles().get(1).protocol());
        assertEquals(Map.of(0, 1024L), s.numaNodeMemory());
        TaskInfo t = read(TaskInfo.class, "{\"id\": \"1\", \"state\": [\"Completed\", {\"result\": [\"r\"]}],"
                + " \"subtasks\": [[\"a\", [\"Pending\", 0.5]]]}");
        assertTrue(t.cancellable());
        assertEquals("", t.dbg());
        assertEquals(TaskState.completed(0, "r"), t.state());
        assertEquals(Map.of("a", TaskState.pending(0.5)), t.subtasks());
        assertEquals(TaskState.pending(0), read(TaskState.class, "[\"Pending\"]"));
        Query q = read(Query.class, "{}");
        assertEquals(new Query("", "", "", List.of(), ""), q);
        Host h = read(Host.class, "{\"cpu_info\": {\"cpu_count\": 2}, \"hypervisor\": {}, \"chipset_info\": {}}");
        assertEquals(2, h.cpuInfo().cpuCount());
        assertEquals("", h.cpuInfo().vendor());
        assertEquals("", h.hypervisorVersion());
        assertFalse(h.iommu());
    }

    @Test
    void errorsReadFromEveryShape() {
        assertEquals(XenopsError.of(XenopsErrorCode.DOMAIN_NOT_BUILT), read(XenopsError.class, "\"Domain_not_built\""));
        assertEquals(XenopsError.of(XenopsErrorCode.DOMAIN_NOT_BUILT), read(XenopsError.class, "[\"Domain_not_built\"]"));
        assertEquals(XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, "boom"),
                read(XenopsError.class, "[\"Internal_error\", \"boom\"]"));
        assertEquals(XenopsError.of(XenopsErrorCode.FAILED_TO_SHUTDOWN, "vm", "2.0"),
                read(XenopsError.class, "[\"Failed_to_shutdown\", [\"vm\", 2.0]]"));
        assertEquals(XenopsError.of(XenopsErrorCode.UNKNOWN_ERROR, "Brand_new", "x"),
                read(XenopsError.class, "[\"Brand_new\", \"x\"]"));
    }
}
