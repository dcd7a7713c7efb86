package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.jxapi.xenops.server.impl.Fixture.success;
import static org.jxapi.xenops.server.impl.Fixture.waitForTask;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jxapi.xenops.api.Barrier;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Query;
import org.jxapi.xenops.api.SchedulerParams;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.VideoCard;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmAction;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original xenopsd's simulator tests ({@code ocaml/xenopsd/test/test.ml}), checking the same
 * things, through the JSON-RPC interface on the Unix socket.
 */
class SimulatorSuiteTest {
    static final String EXAMPLE = "c0ffeec0-ffee-c0ff-eec0-ffeec0ffeec0";

    @TempDir
    Path dir;
    Fixture f;
    Xenops x;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(dir).serve();
        x = f.client;
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** The original's example VM: HVM, 128 MiB, 2 vCPUs, data in every map. */
    static Vm exampleVm(String id) {
        HvmInfo hvm = new HvmInfo(true, 1.0, "", 4, VideoCard.CIRRUS, true, null, "en-gb", "hello", List.of("1"),
                false, "boot", false, false, HvmInfo.Firmware.BIOS, null);
        return Vm.builder(id).name("Example: " + id).ssidref(1).xsdata(Map.of("xs", "data"))
                .platformdata(Map.of("platform", "data")).biosStrings(Map.of("bios", "strings")).builderInfo(hvm)
                .suppressSpuriousPageFaults(true).memoryStaticMax(128L << 20).memoryDynamicMax(128L << 20)
                .memoryDynamicMin(128L << 20).vcpuMax(2).vcpus(2).schedulerParams(SchedulerParams.none())
                .onCrash(List.of(VmAction.SHUTDOWN)).onShutdown(List.of(VmAction.SHUTDOWN))
                .onReboot(List.of(VmAction.START)).pciMsitranslate(true).build();
    }

    private static void expectError(XenopsErrorCode code, Runnable r) {
        XenopsException e = assertThrows(XenopsException.class, r::run);
        assertEquals(code, e.errorCode(), e.getMessage());
    }

    private void failRunning(Runnable r) {
        XenopsException e = assertThrows(XenopsException.class, r::run);
        assertEquals(XenopsErrorCode.BAD_POWER_STATE, e.errorCode());
        assertEquals(List.of("Running", "Halted"), e.params());
    }

    private void failTask(XenopsErrorCode code, String task) {
        TaskInfo t = waitForTask(x, task);
        x.taskDestroy(DBG, task);
        assertEquals(TaskState.Status.FAILED, t.state().status(), "expected " + code);
        assertEquals(code, t.state().error().code());
    }

    /** Adds the VM, runs the body, then shuts it down if it runs and removes it. */
    private void withVm(String id, Consumer<String> body) {
        String vm = x.vmAdd(DBG, exampleVm(id));
        try {
            body.accept(vm);
        } finally {
            PowerState p = x.vmStat(DBG, vm).state().powerState();
            if (p == PowerState.RUNNING || p == PowerState.PAUSED) {
                success(x, x.vmShutdown(DBG, vm, null));
            }
            x.vmRemove(DBG, vm);
        }
    }

    private void eventWait(Predicate<DynamicId> p) {
        Integer token = null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Updates u = x.updatesGet(DBG, token, 30);
            token = u.lastId();
            for (DynamicId d : u.ids()) {
                if (p.test(d)) {
                    return;
                }
            }
        }
        fail("no matching event within 30 s");
    }

    @Test
    void query() {
        Query q = x.query(DBG);
        assertFalse(q.instanceId().isEmpty());
    }

    @Test
    void vmRemoveMissing() {
        expectError(XenopsErrorCode.DOES_NOT_EXIST, () -> x.vmRemove(DBG, "missing"));
    }

    @Test
    void vmAddRemove() {
        withVm(EXAMPLE, id -> assertTrue(x.vmExists(DBG, id)));
        assertFalse(x.vmExists(DBG, EXAMPLE));
    }

    @Test
    void vmCreateDestroy() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            success(x, x.vmDestroy(DBG, id));
        });
    }

    @Test
    void vmPauseUnpause() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            failTask(XenopsErrorCode.DOMAIN_NOT_BUILT, x.vmPause(DBG, id));
            success(x, x.vmDestroy(DBG, id));
        });
    }

    @Test
    void vmBuildPauseUnpause() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            success(x, x.vmBuild(DBG, id, false));
            success(x, x.vmUnpause(DBG, id));
            success(x, x.vmCreateDeviceModel(DBG, id, false));
            success(x, x.vmUnpause(DBG, id));
            success(x, x.vmPause(DBG, id));
            success(x, x.vmDestroy(DBG, id));
        });
    }

    @Test
    void vmBuildVcpus() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            success(x, x.vmBuild(DBG, id, false));
            failTask(XenopsErrorCode.DOMAIN_NOT_BUILT, x.vmSetVcpus(DBG, id, 1));
            success(x, x.vmCreateDeviceModel(DBG, id, false));
            success(x, x.vmUnpause(DBG, id));
            success(x, x.vmSetVcpus(DBG, id, 1));
            assertEquals(1, x.vmStat(DBG, id).state().vcpuTarget());
            success(x, x.vmSetVcpus(DBG, id, 2));
            assertEquals(2, x.vmStat(DBG, id).state().vcpuTarget());
            failTask(XenopsErrorCode.INVALID_VCPUS, x.vmSetVcpus(DBG, id, 4));
            failTask(XenopsErrorCode.INVALID_VCPUS, x.vmSetVcpus(DBG, id, 0));
            success(x, x.vmDestroy(DBG, id));
        });
    }

    @Test
    void vmAddListRemove() {
        withVm(EXAMPLE, id -> {
            Vm listed = x.vmList(DBG).stream().map(Stat::config).filter(v -> v.id().equals(id)).findFirst()
                    .orElseThrow();
            assertEquals(exampleVm(EXAMPLE), listed, "what comes back through the wire is what went in");
        });
    }

    @Test
    void vmRemoveRunning() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            success(x, x.vmBuild(DBG, id, false));
            success(x, x.vmCreateDeviceModel(DBG, id, false));
            success(x, x.vmUnpause(DBG, id));
            failRunning(() -> x.vmRemove(DBG, id));
            success(x, x.vmDestroy(DBG, id));
        });
    }

    @Test
    void vmStartShutdown() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmStart(DBG, id, false));
            VmState s = x.vmStat(DBG, id).state();
            assertEquals(PowerState.PAUSED, s.powerState(), "a start leaves the domain paused");
            assertEquals(1, s.domids().size());
            XenopsException e = assertThrows(XenopsException.class, () -> x.vmRemove(DBG, id));
            assertEquals(XenopsErrorCode.BAD_POWER_STATE, e.errorCode());
            success(x, x.vmShutdown(DBG, id, null));
            assertEquals(PowerState.HALTED, x.vmStat(DBG, id).state().powerState());
        });
    }

    @Test
    void vmParallelStartShutdown() {
        int n = 201;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(x.vmAdd(DBG, exampleVm(Integer.toString(i))));
        }
        Set<String> tasks = new LinkedHashSet<>();
        ids.forEach(id -> tasks.add(x.vmStart(DBG, id, false)));
        Fixture.waitForTasks(x, tasks);
        tasks.forEach(t -> success(x, t));
        tasks.clear();
        ids.forEach(id -> tasks.add(x.vmShutdown(DBG, id, null)));
        Fixture.waitForTasks(x, tasks);
        tasks.forEach(t -> success(x, t));
        ids.forEach(id -> x.vmRemove(DBG, id));
        assertTrue(x.vmList(DBG).isEmpty());
    }

    @Test
    void vmReboot() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            success(x, x.vmBuild(DBG, id, false));
            success(x, x.vmCreateDeviceModel(DBG, id, false));
            success(x, x.vmUnpause(DBG, id));
            List<Integer> before = x.vmStat(DBG, id).state().domids();
            x.debugTrigger(DBG, "reboot", List.of(id));
            eventWait(d -> d.equals(DynamicId.vm(id)) && !x.vmStat(DBG, id).state().domids().equals(before)
                    && !x.vmStat(DBG, id).state().domids().isEmpty());
            assertEquals(PowerState.RUNNING, x.vmStat(DBG, id).state().powerState(), "a reboot ends unpaused");
        });
    }

    @Test
    void vmHalt() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            success(x, x.vmBuild(DBG, id, false));
            success(x, x.vmCreateDeviceModel(DBG, id, false));
            success(x, x.vmUnpause(DBG, id));
            x.debugTrigger(DBG, "halt", List.of(id));
            eventWait(d -> d.equals(DynamicId.vm(id)) && x.vmStat(DBG, id).state().domids().isEmpty());
        });
    }

    @Test
    void vmSuspendResume() {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            success(x, x.vmBuild(DBG, id, false));
            success(x, x.vmCreateDeviceModel(DBG, id, false));
            success(x, x.vmUnpause(DBG, id));
            success(x, x.vmSuspend(DBG, id, Disk.local("/tmp/suspend-image")));
            assertEquals(PowerState.SUSPENDED, x.vmStat(DBG, id).state().powerState());
            success(x, x.vmResume(DBG, id, Disk.local("/tmp/suspend-image")));
            success(x, x.vmUnpause(DBG, id));
            assertEquals(PowerState.RUNNING, x.vmStat(DBG, id).state().powerState());
            success(x, x.vmShutdown(DBG, id, null));
            success(x, x.vmDestroy(DBG, id));
        });
    }

    // devices, as the original's DeviceTests functor: once for VBDs, once for VIFs

    private interface Device {
        DeviceId add(int i);

        void remove(DeviceId id);

        String plug(DeviceId id);

        String unplug(DeviceId id);

        boolean listedAsAdded(String vm, int i);
    }

    private Vbd vbd(String vm, int i) {
        return new Vbd(new DeviceId(vm, Integer.toString(i)), null, Vbd.Mode.READ_WRITE, Disk.local("/dev/zero"),
                Vbd.Type.DISK, true, Map.of("backend", "keys"), Map.of("private", "keys"), null, true, false);
    }

    private Vif vif(String vm, int i) {
        return new Vif(new DeviceId(vm, Integer.toString(i)), i, "c0:ff:ee:c0:ff:ee", false, 1450,
                new Vif.Rate(1, 2), org.jxapi.xenops.api.Network.local("xenbr0"), Map.of("other", "config"), null,
                Map.of("private", "keys"), null, null, null, null, List.of());
    }

    private final Device vbds = new Device() {
        public DeviceId add(int i) { return x.vbdAdd(DBG, vbd(EXAMPLE, i)); }
        public void remove(DeviceId id) { x.vbdRemove(DBG, id); }
        public String plug(DeviceId id) { return x.vbdPlug(DBG, id); }
        public String unplug(DeviceId id) { return x.vbdUnplug(DBG, id, false); }
        public boolean listedAsAdded(String vm, int i) {
            return x.vbdList(DBG, vm).stream().anyMatch(s -> s.config().equals(vbd(EXAMPLE, i)));
        }
    };

    private final Device vifs = new Device() {
        public DeviceId add(int i) { return x.vifAdd(DBG, vif(EXAMPLE, i)); }
        public void remove(DeviceId id) { x.vifRemove(DBG, id); }
        public String plug(DeviceId id) { return x.vifPlug(DBG, id); }
        public String unplug(DeviceId id) { return x.vifUnplug(DBG, id, false); }
        public boolean listedAsAdded(String vm, int i) {
            return x.vifList(DBG, vm).stream().anyMatch(s -> s.config().equals(vif(EXAMPLE, i)));
        }
    };

    private void withCreatedVm(Consumer<String> body) {
        withVm(EXAMPLE, id -> {
            success(x, x.vmCreate(DBG, id));
            try {
                body.accept(id);
            } finally {
                success(x, x.vmDestroy(DBG, id));
            }
        });
    }

    private void addRemove(Device d) {
        withVm(EXAMPLE, id -> d.remove(d.add(0)));
    }

    private void addPlugUnplugRemove(Device d) {
        withCreatedVm(id -> {
            DeviceId dev = d.add(0);
            success(x, d.plug(dev));
            success(x, d.unplug(dev));
            d.remove(dev);
        });
    }

    private void addPlugUnplugManyRemove(Device d) {
        withCreatedVm(id -> {
            List<DeviceId> devs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                DeviceId dev = d.add(i);
                success(x, d.plug(dev));
                devs.add(dev);
            }
            for (DeviceId dev : devs) {
                success(x, d.unplug(dev));
                d.remove(dev);
            }
        });
    }

    private void addListRemove(Device d) {
        withVm(EXAMPLE, id -> {
            DeviceId dev = d.add(0);
            assertTrue(d.listedAsAdded(id, 0), "listed as added");
            d.remove(dev);
        });
    }

    private void addVmRemove(Device d) {
        withVm(EXAMPLE, id -> d.add(0));
    }

    private void removeRunning(Device d) {
        withCreatedVm(id -> {
            DeviceId dev = d.add(0);
            success(x, d.plug(dev));
            expectError(XenopsErrorCode.DEVICE_IS_CONNECTED, () -> d.remove(dev));
        });
    }

    @Test void vbdAddRemove() { addRemove(vbds); }
    @Test void vbdAddListRemove() { addListRemove(vbds); }
    @Test void vbdAddVmRemove() { addVmRemove(vbds); }
    @Test void vbdAddPlugUnplugRemove() { addPlugUnplugRemove(vbds); }
    @Test void vbdAddPlugUnplugManyRemove() { addPlugUnplugManyRemove(vbds); }
    @Test void vbdRemoveRunning() { removeRunning(vbds); }
    @Test void vifAddRemove() { addRemove(vifs); }
    @Test void vifAddListRemove() { addListRemove(vifs); }
    @Test void vifAddVmRemove() { addVmRemove(vifs); }
    @Test void vifAddPlugUnplugRemove() { addPlugUnplugRemove(vifs); }
    @Test void vifAddPlugUnplugManyRemove() { addPlugUnplugManyRemove(vifs); }
    @Test void vifRemoveRunning() { removeRunning(vifs); }

    @Test
    void vbdPlugOrderingGood() {
        // Added in a good and in a bad order: the start must plug read/write disks first either way.
        for (boolean roFirst : new boolean[] {true, false}) {
            withVm(EXAMPLE, id -> {
                Vbd first = vbd(id, 0);
                Vbd second = vbd(id, 1);
                Vbd ro = new Vbd(roFirst ? first.id() : second.id(), null, Vbd.Mode.READ_ONLY, Disk.local("/dev/zero"),
                        Vbd.Type.DISK, true, Map.of(), Map.of(), null, true, false);
                x.vbdAdd(DBG, ro);
                x.vbdAdd(DBG, roFirst ? second : first);
                success(x, x.vmStart(DBG, id, false));
                x.debugTrigger(DBG, "check-vbd-plug-ordering", List.of(id));
                for (Stat<Vbd, VbdState> s : x.vbdList(DBG, id)) {
                    assertTrue(s.state().plugged() && s.state().active());
                }
                success(x, x.vmShutdown(DBG, id, null));
            });
        }
    }

    @Test
    void barrierOrdering() {
        withVm(EXAMPLE, id -> {
            for (int b : new int[] {1, 2, 3}) {
                x.updatesInjectBarrier(DBG, id, b);
            }
            Updates u = x.updatesGet(DBG, 1, null);
            assertEquals(List.of(1, 2, 3), u.barriers().stream().map(Barrier::id).toList(),
                    "barriers come out in the order they went in");
        });
    }
}
