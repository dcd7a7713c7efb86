package org.jxapi.xenops.json;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Barrier;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.IoniceQos;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Metadata;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.PvBoot;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.SchedulerParams;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.junit.jupiter.api.Test;

/** The codec writes the original's JSON shapes and reads back what it wrote. */
class WireTest {
    private static Object json(String s) {
        return XenopsJson.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The plain values of a record's wire shape. */
    private static Object plain(Object record) {
        return XenopsJson.toPlain(record);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Object record) {
        return (Map<String, Object>) XenopsJson.toPlain(record);
    }

    private static <T> T decode(Class<T> type, Object plain) {
        return XenopsJson.fromPlain(plain, type);
    }

    private static Object viaText(Object plain) {
        return XenopsJson.parse(XenopsJson.write(plain));
    }

    @Test
    void vmsRoundTripAndUseTheOriginalFieldNames() {
        Vm hvm = Vm.builder("v1").name("n").xsdata(Map.of("a", "b")).schedulerParams(new SchedulerParams(256, 0,
                List.of(List.of(0, 1)))).machineAddressSize(32).generationId("g").build();
        assertEquals(hvm, decode(Vm.class, viaText(plain(hvm))));
        Map<String, Object> m = fields(hvm);
        assertEquals(List.of("Shutdown"), m.get("on_crash"));
        assertEquals("HVM", ((List<?>) m.get("ty")).get(0));
        assertTrue(m.containsKey("memory_dynamic_min") && m.containsKey("bios_strings"));
        Vm pv = Vm.builder("v2").builderInfo(new PvInfo(PvInfo.Flavour.PVH, new PvBoot.Indirect("pygrub", "e", "l",
                "b", List.of(Disk.local("0"), Disk.vdi("sr/vdi"))), false, "0.0.0.0", true, null, false)).build();
        assertEquals(pv, decode(Vm.class, viaText(plain(pv))));
        Vm direct = Vm.builder("v3").builderInfo(PvInfo.direct("/boot/vmlinuz", "console=hvc0")).build();
        assertEquals(direct, decode(Vm.class, viaText(plain(direct))));
    }

    @Test
    void readsAVmAsTheOriginalsClientsWriteIt() {
        Vm vm = decode(Vm.class, json("""
                {"id": "x", "name": "fedora", "ssidref": 0, "xsdata": {}, "platformdata": {"acpi": "1"},
                 "bios_strings": {}, "ty": ["HVM", {"hap": true, "shadow_multiplier": 1.0, "video": "Standard_VGA",
                 "firmware": ["Uefi", {"on_boot": "Reset"}], "serial": "pty"}], "suppress_spurious_page_faults": false,
                 "memory_static_max": 4294967296, "memory_dynamic_max": 4294967296, "memory_dynamic_min": 1073741824,
                 "vcpu_max": 2, "vcpus": 2, "scheduler_params": {"priority": [256, 0], "affinity": []},
                 "on_crash": ["Pause"], "on_shutdown": ["Shutdown"], "on_reboot": ["Start"],
                 "pci_msitranslate": true, "pci_power_mgmt": false}
                """));
        assertEquals("fedora", vm.name());
        assertEquals(256, vm.schedulerParams().weight());
        assertEquals(1L << 30, vm.memoryDynamicMin());
        assertEquals("1", vm.platformdata().get("acpi"));
        assertTrue(vm.hvm());
        assertEquals(List.of(org.jxapi.xenops.api.VmAction.SOFTREBOOT), vm.onSoftreboot(), "default of a missing field");
    }

    @Test
    void devicesRoundTrip() {
        Vbd vbd = new Vbd(new DeviceId("vm", "xvda"), new DeviceNumber(DeviceNumber.Bus.XEN, 0, 0), Vbd.Mode.READ_ONLY,
                Disk.vdi("sr/vdi"), Vbd.Type.CDROM, false, Map.of("k", "v"), Map.of(), new IoniceQos("BestEffort", "4"),
                false, true);
        assertEquals(vbd, decode(Vbd.class, viaText(plain(vbd))));
        assertEquals("[\"Xen\",0,0]", XenopsJson.writeString(fields(vbd).get("position")));
        Vif vif = new Vif(new DeviceId("vm", "1"), 1, "aa:bb:cc:dd:ee:ff", false, 9000, new Vif.Rate(100, 50),
                Network.remote("dom", "br"), Map.of("o", "c"),
                new LockingMode(LockingMode.Kind.LOCKED, List.of("10.0.0.1"), List.of()), Map.of(),
                new IpConfiguration(IpConfiguration.Kind.STATIC, List.of("10.0.0.1/24"), "10.0.0.254"),
                new IpConfiguration(IpConfiguration.Kind.AUTOMATIC, List.of(), null),
                new PvsProxy("site", List.of(new PvsProxy.Server(List.of("1.2.3.4"), 6910, 6930)), "eth0"), 7L,
                List.of(1L, 2L));
        assertEquals(vif, decode(Vif.class, viaText(plain(vif))));
        assertEquals("Autoconf6", fields(vif).get("ipv6_configuration"));
        Pci pci = new Pci(new DeviceId("vm", "0"), 3, PciAddress.parse("0000:04:00.1"), true, null);
        assertEquals(pci, decode(Pci.class, viaText(plain(pci))));
        assertEquals("0000:04:00.1", pci.address().toString());
        Vgpu vgpu = new Vgpu(new DeviceId("vm", "0"), 0, null, PciAddress.parse("0000:05:00.0"), "Nvidia",
                Map.of("type_id", "45"));
        assertEquals(vgpu, decode(Vgpu.class, viaText(plain(vgpu))));
        Vusb vusb = new Vusb(new DeviceId("vm", "0"), "1", "2", "2.0", "/dev/bus/usb", 480.0);
        assertEquals(vusb, decode(Vusb.class, viaText(plain(vusb))));
        Metadata md = new Metadata(Vm.builder("vm").build(), List.of(vbd), List.of(vif), List.of(pci), List.of(vgpu),
                List.of(vusb), null);
        assertEquals(md, decode(Metadata.class, viaText(plain(md))));
    }

    @Test
    void statesRoundTrip() {
        VmState s = VmState.withDomain(PowerState.PAUSED, 7, 2, 1 << 20, 1.5, true, Map.of("x", "y"));
        assertEquals(s, decode(VmState.class, viaText(plain(s))));
        assertEquals(VmState.halted(), decode(VmState.class, viaText(plain(VmState.halted()))));
        VbdState v = new VbdState(true, true, null, Disk.local("/dev/sda"));
        assertEquals(v, decode(VbdState.class, viaText(plain(v))));
        Host h = Host.unknown();
        assertEquals(h, decode(Host.class, viaText(plain(h))));
    }

    @Test
    void tasksAndUpdatesTakeTheOriginalsShapes() {
        TaskInfo t = new TaskInfo("3", "dbg", 12.5, TaskState.failed(XenopsError.of(XenopsErrorCode.CANCELLED, "3")),
                Map.of("VM_start", TaskState.pending(0.5)), Map.of("cancel_points_seen", "4"), "", true);
        assertEquals(t, decode(TaskInfo.class, viaText(plain(t))));
        assertEquals(List.of("Failed", List.of("Cancelled", "3")), plain(t.state()));
        assertEquals(List.of("Pending", 0.5), plain(TaskState.pending(0.5)));
        TaskState done = TaskState.completed(0.25, Map.of("rc", 0L));
        assertEquals(done, decode(TaskState.class, viaText(plain(done))));
        Updates u = new Updates(List.of(new Barrier(1, List.of(DynamicId.vm("a")))),
                List.of(DynamicId.task("5"), DynamicId.device(DynamicId.Kind.VBD, new DeviceId("a", "xvda"))), 9);
        assertEquals(u, decode(Updates.class, viaText(plain(u))));
        assertEquals(List.of("Vbd", List.of("a", "xvda")), plain(u.ids().get(1)));
    }

    @Test
    void errorsTakeTheOriginalsShapes() {
        assertEquals("Domain_not_built", plain(XenopsError.of(XenopsErrorCode.DOMAIN_NOT_BUILT)));
        assertEquals(List.of("Does_not_exist", List.of("VM", "x")),
                plain(XenopsError.of(XenopsErrorCode.DOES_NOT_EXIST, "VM", "x")));
        assertEquals(List.of("Invalid_vcpus", 2L), plain(XenopsError.of(XenopsErrorCode.INVALID_VCPUS, "2")));
        for (XenopsError e : List.of(XenopsError.of(XenopsErrorCode.HOOK_FAILED, "a/b", "none", "out", "2"),
                XenopsError.of(XenopsErrorCode.FAILED_TO_SHUTDOWN, "vm", "1.5"),
                XenopsError.of(XenopsErrorCode.VMS_FAILED_TO_COOPERATE, "a", "b"),
                XenopsError.of(XenopsErrorCode.STORAGE_BACKEND_ERROR, "code", "p1", "p2"),
                XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, "boom"),
                XenopsError.of(XenopsErrorCode.CANNOT_FREE_THIS_MUCH_MEMORY, "1", "2"))) {
            assertEquals(e, decode(XenopsError.class, viaText(plain(e))));
        }
        assertEquals(XenopsErrorCode.UNKNOWN_ERROR, decode(XenopsError.class, json("[\"Brand_new\", \"x\"]")).code());
    }

    @Test
    void malformedValuesSayWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decode(Vm.class, json("[1]")));
        assertTrue(e.getMessage().contains("expected an object"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> decode(Vm.class, json("{\"name\": \"no id\"}")));
    }

    @Test
    void aNamePicksTheShapeWhereTheOriginalsDifferByNameOnly() {
        IpConfiguration auto = new IpConfiguration(IpConfiguration.Kind.AUTOMATIC, List.of(), null);
        assertEquals("Autoconf6", XenopsJson.toPlain("ipv6_configuration", auto));
        assertEquals("DHCP4", XenopsJson.toPlain("ipv4_configuration", auto));
        assertEquals("DHCP4", XenopsJson.toPlain(auto));
    }

    @Test
    void statsArePairsWithTheirOwnTypeArguments() throws Exception {
        Stat<Vm, VmState> s = new Stat<>(Vm.builder("v").build(), VmState.halted());
        Object plain = viaText(plain(s));
        assertEquals(2, ((List<?>) plain).size());
        assertEquals("v", ((Map<?, ?>) ((List<?>) plain).get(0)).get("id"));
        java.lang.reflect.Type listOfStats = WireTest.class.getDeclaredMethod("vmStats").getGenericReturnType();
        assertEquals(List.of(s), XenopsJson.fromPlain(List.of(plain), listOfStats));
    }

    static List<Stat<Vm, VmState>> vmStats() {
        return List.of();
    }

    @Test
    void recordsNestInsidePlainValues() {
        Map<String, Object> file = new java.util.LinkedHashMap<>();
        file.put("vm", Vm.builder("v").build());
        file.put("domid", 3L);
        Map<?, ?> back = (Map<?, ?>) XenopsJson.parse(XenopsJson.write(file));
        assertEquals(Vm.builder("v").build(), XenopsJson.fromPlain(back.get("vm"), Vm.class));
        assertEquals(3L, back.get("domid"));
    }

    @Test
    void deviceStatesTakeTheShapesTheHandWrittenCodecWrote() {
        // The expected texts are what the hand-written codec wrote for these values.
        assertEquals("{\"active\":true,\"plugged\":true,\"kthread_pid\":42,\"media_present\":true,\"device\":\"tap3.0\","
                + "\"pvs_rules_active\":false}", XenopsJson.writeString(new VifState(true, true, 42, true, "tap3.0", false)));
        assertEquals("{\"active\":false,\"plugged\":false,\"kthread_pid\":0,\"media_present\":false,"
                + "\"pvs_rules_active\":true}", XenopsJson.writeString(new VifState(false, false, 0, false, null, true)));
        assertEquals("{\"active\":true,\"plugged\":false,\"emulator_pid\":1234}",
                XenopsJson.writeString(new VgpuState(true, false, 1234)));
        assertEquals("{\"active\":true,\"plugged\":false}", XenopsJson.writeString(new VgpuState(true, false, null)));
        assertEquals("{\"plugged\":true}", XenopsJson.writeString(new PciState(true)));
        assertEquals("{\"plugged\":true}", XenopsJson.writeString(new VusbState(true)));
        // Options as the original writes them ([x]), bare, empty or absent; absent fields take the defaults.
        assertEquals(new VgpuState(false, false, 7), decode(VgpuState.class, json("{\"emulator_pid\": [7]}")));
        assertEquals(new VgpuState(true, false, 7), decode(VgpuState.class, json("{\"active\": true, \"emulator_pid\": 7}")));
        assertEquals(new VgpuState(false, true, null), decode(VgpuState.class, json("{\"plugged\": true, \"emulator_pid\": []}")));
        assertEquals(new VifState(false, false, 0, false, "tap1.0", false),
                decode(VifState.class, json("{\"device\": [\"tap1.0\"]}")));
        assertEquals(new PciState(false), decode(PciState.class, json("{}")));
    }
}
