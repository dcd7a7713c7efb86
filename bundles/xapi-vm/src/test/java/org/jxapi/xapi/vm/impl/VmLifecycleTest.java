package org.jxapi.xapi.vm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Row;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.VbdType;
import org.jxapi.xenapi.model.types.VdiType;
import org.jxapi.xenapi.model.types.VmOperations;
import org.jxapi.xenapi.model.types.VmPowerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VM lifecycle through the real xenops engine and simulator, with disks on the in-memory SR driver. */
class VmLifecycleTest {
    @TempDir
    Path dir;
    TestHost h;

    @BeforeEach
    void setUp() throws Exception {
        h = new TestHost(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private Row vm(Ref<?> vm) {
        return h.db.snapshot().require("VM", vm);
    }

    private VmPowerState power(Ref<?> vm) {
        return (VmPowerState) vm(vm).get("power_state");
    }

    @Test
    void startShowsRunningAtOnceAndASecondStartIsRefused() {
        Ref<Object> vm = h.vm("one");
        assertTrue(((Set<?>) vm(vm).get("allowed_operations")).contains(VmOperations.START));
        h.vms.start(null, vm.cast(), false, false);
        Row r = vm(vm);
        assertEquals(VmPowerState.RUNNING, r.get("power_state"));
        assertTrue((Long) r.get("domid") >= 0);
        assertEquals(h.host, r.get("resident_on"));
        assertTrue(((Map<?, ?>) r.get("current_operations")).isEmpty());
        Set<?> allowed = (Set<?>) r.get("allowed_operations");
        assertTrue(allowed.contains(VmOperations.CLEAN_SHUTDOWN) && allowed.contains(VmOperations.SUSPEND));
        assertFalse(allowed.contains(VmOperations.START));
        Row metrics = h.db.snapshot().require("VM_metrics", (Ref<?>) r.get("metrics"));
        assertEquals(1L, metrics.get("VCPUs_number"));

        XenApiException e = assertThrows(XenApiException.class, () -> h.vms.start(null, vm.cast(), false, false));
        assertEquals("VM_BAD_POWER_STATE", e.code());
        assertEquals(List.of(vm.handle(), "halted", "running"), e.params());
    }

    @Test
    void suspendResumeRebootPauseAndShutdown() {
        Ref<Object> vm = h.vm("cycle");
        h.vms.start(null, vm.cast(), true, false);
        assertEquals(VmPowerState.PAUSED, power(vm));
        h.vms.unpause(null, vm.cast());
        assertEquals(VmPowerState.RUNNING, power(vm));
        h.vms.suspend(null, vm.cast());
        assertEquals(VmPowerState.SUSPENDED, power(vm));
        assertEquals(-1L, vm(vm).get("domid"));
        assertTrue(vm(vm).get("resident_on") instanceof Ref<?> r && r.isNull());
        h.vms.resume(null, vm.cast(), false, false);
        assertEquals(VmPowerState.RUNNING, power(vm));
        assertTrue((Long) vm(vm).get("domid") >= 0);
        h.vms.cleanReboot(null, vm.cast());
        assertEquals(VmPowerState.RUNNING, power(vm));
        h.vms.hardReboot(null, vm.cast());
        assertEquals(VmPowerState.RUNNING, power(vm));
        h.vms.pause(null, vm.cast());
        assertEquals(VmPowerState.PAUSED, power(vm));
        XenApiException e = assertThrows(XenApiException.class, () -> h.vms.cleanShutdown(null, vm.cast()));
        assertEquals(List.of(vm.handle(), "running", "paused"), e.params());
        h.vms.shutdown(null, vm.cast());
        assertEquals(VmPowerState.HALTED, power(vm));
        assertEquals(-1L, vm(vm).get("domid"));
    }

    @Test
    void aSuspendedVmCanBeShutDownHard() {
        Ref<Object> vm = h.vm("suspended");
        h.vms.start(null, vm.cast(), false, false);
        h.vms.suspend(null, vm.cast());
        h.vms.hardShutdown(null, vm.cast());
        assertEquals(VmPowerState.HALTED, power(vm));
        h.vms.start(null, vm.cast(), false, false);
        assertEquals(VmPowerState.RUNNING, power(vm));
        h.vms.hardShutdown(null, vm.cast());
    }

    @Test
    void anOperationInProgressBlocksAnotherWithTheOriginalsError() {
        Ref<Object> vm = h.vm("busy");
        h.db.write(tx -> {
            tx.addToMap("VM", vm, "current_operations", "OpaqueRef:other-task", VmOperations.CLONE);
            return null;
        });
        XenApiException e = assertThrows(XenApiException.class, () -> h.vms.start(null, vm.cast(), false, false));
        assertEquals("OTHER_OPERATION_IN_PROGRESS", e.code());
        assertEquals(List.of("VM", vm.handle(), "clone", "OpaqueRef:other-task"), e.params());
    }

    private Ref<Object> disk(Ref<Sr> sr, Ref<?> vm, String userdevice, long size) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("SR", sr);
        f.put("virtual_size", size);
        f.put("type", VdiType.USER);
        f.put("name_label", "disk " + userdevice);
        Ref<?> vdi = h.vdis.create(f, null);
        h.vbdLifecycle.create(Map.of("VM", vm, "VDI", vdi, "userdevice", userdevice, "mode", VbdMode.RW, "type",
                VbdType.DISK, "empty", false, "bootable", true, "unpluggable", true), null);
        return vdi.cast();
    }

    @Test
    void disksAreAttachedWhileTheVmRunsAndCannotBeDestroyedThen() {
        Ref<Sr> sr = h.memorySr();
        Ref<Object> vm = h.vm("with disks");
        Ref<Object> vdi = disk(sr, vm, "0", 1L << 30);
        disk(sr, vm, "1", 1L << 20);
        h.vms.start(null, vm.cast(), false, false);
        for (Object vbd : (Set<?>) vm(vm).get("VBDs")) {
            assertEquals(true, h.db.snapshot().require("VBD", (Ref<?>) vbd).get("currently_attached"));
        }
        assertTrue(h.mux.dpDiagnostics().contains("vbd/" + vm(vm).uuid() + "/xvda"), h.mux.dpDiagnostics());
        XenApiException e = assertThrows(XenApiException.class, () -> h.vdis.destroy(vdi, null));
        assertEquals(List.of("VDI_IN_USE", vdi.handle(), "destroy"), e.errorDescription());
        h.vms.hardShutdown(null, vm.cast());
        for (Object vbd : (Set<?>) vm(vm).get("VBDs")) {
            assertEquals(false, h.db.snapshot().require("VBD", (Ref<?>) vbd).get("currently_attached"));
        }
        assertFalse(h.mux.dpDiagnostics().contains("vbd/" + vm(vm).uuid()), h.mux.dpDiagnostics());
        h.vdis.destroy(vdi, null);
        assertEquals(null, h.db.snapshot().row("VDI", vdi));
        assertEquals(1, ((Set<?>) vm(vm).get("VBDs")).size(), "the VDI's VBD went with it");
    }

    @Test
    void aTemplateIsClonedProvisionedOnTheGivenSrAndStarted() {
        Ref<Sr> sr = h.memorySr();
        h.db.write(Templates::ensure);
        Row template = h.db.snapshot().table("VM").byNameLabel("Other install media").get(0);
        assertEquals(true, template.get("is_a_template"));
        XenApiException e = assertThrows(XenApiException.class,
                () -> h.vms.start(null, template.ref().cast(), false, false));
        assertEquals("VM_IS_TEMPLATE", e.code());

        Ref<?> vm = h.vms.clone(null, template.ref().cast(), "my first VM");
        Row clone = vm(vm);
        assertEquals(true, clone.get("is_a_template"));
        assertFalse(((Map<?, ?>) clone.get("other_config")).containsKey("default_template"));
        String disks = (String) ((Map<?, ?>) clone.get("other_config")).get("disks");
        String srUuid = h.db.snapshot().require("SR", sr).uuid();
        h.db.write(tx -> {
            tx.removeFromMap("VM", vm, "other_config", "disks");
            tx.addToMap("VM", vm, "other_config", "disks", disks.replace("sr=\"\"", "sr=\"" + srUuid + "\""));
            return null;
        });
        h.vms.provision(null, vm.cast());
        Row provisioned = vm(vm);
        assertEquals(false, provisioned.get("is_a_template"));
        assertFalse(((Map<?, ?>) provisioned.get("other_config")).containsKey("disks"));
        Set<?> vbds = (Set<?>) provisioned.get("VBDs");
        assertEquals(1, vbds.size());
        Row vbd = h.db.snapshot().require("VBD", (Ref<?>) vbds.iterator().next());
        Row vdi = h.db.snapshot().require("VDI", (Ref<?>) vbd.get("VDI"));
        assertEquals(8L << 30, vdi.get("virtual_size"));
        assertEquals(sr, vdi.get("SR"));
        h.vms.start(null, vm.cast(), false, false);
        assertEquals(VmPowerState.RUNNING, power(vm));
        h.vms.hardShutdown(null, vm.cast());
    }

    @Test
    void snapshotThenRevertGivesTheVmClonesOfTheSnapshotsDisks() {
        Ref<Sr> sr = h.memorySr();
        Ref<Object> vm = h.vm("snapped");
        Ref<Object> vdi = disk(sr, vm, "0", 1L << 20);
        Ref<?> snap = h.vms.snapshot(null, vm.cast(), "snap", Set.of());
        Row s = vm(snap);
        assertEquals(true, s.get("is_a_snapshot"));
        assertEquals(vm, s.get("snapshot_of"));
        Row snapVbd = h.db.snapshot().require("VBD", (Ref<?>) ((Set<?>) s.get("VBDs")).iterator().next());
        Row snapVdi = h.db.snapshot().require("VDI", (Ref<?>) snapVbd.get("VDI"));
        assertEquals(true, snapVdi.get("is_a_snapshot"));
        assertEquals(vdi, snapVdi.get("snapshot_of"));
        assertTrue(((Set<?>) vm(vm).get("snapshots")).contains(snap));
        XenApiException e = assertThrows(XenApiException.class, () -> h.vms.start(null, snap.cast(), false, false));
        assertEquals(List.of("VM_IS_SNAPSHOT", snap.handle(), "start"), e.errorDescription());

        h.vms.revert(null, snap.cast());
        Row after = vm(vm);
        Row newVbd = h.db.snapshot().require("VBD", (Ref<?>) ((Set<?>) after.get("VBDs")).iterator().next());
        assertNotEquals(vdi, newVbd.get("VDI"));
        assertEquals(null, h.db.snapshot().row("VDI", vdi), "the VM's old disk was destroyed");
        Row clone = h.db.snapshot().require("VDI", (Ref<?>) newVbd.get("VDI"));
        assertEquals(false, clone.get("is_a_snapshot"));
    }

    @Test
    void devicesAreHotpluggedAndCdMediaChanged() {
        Ref<Sr> sr = h.memorySr();
        Ref<Object> vm = h.vm("devices");
        Ref<?> net = h.db.write(tx -> tx.create("network", Map.of("name_label", "n", "bridge", "xenbr1")));
        Ref<?> vif = h.db.write(tx -> tx.create("VIF", Map.of("VM", vm, "network", net, "device", "0", "MAC",
                "02:00:00:00:00:01", "MTU", 1500L)));
        h.vms.start(null, vm.cast(), false, false);
        assertEquals(true, h.db.snapshot().require("VIF", vif).get("currently_attached"));
        h.vifs.unplug(null, vif.cast());
        assertEquals(false, h.db.snapshot().require("VIF", vif).get("currently_attached"));
        XenApiException again = assertThrows(XenApiException.class, () -> h.vifs.unplug(null, vif.cast()));
        assertEquals(List.of("DEVICE_ALREADY_DETACHED", vif.handle()), again.errorDescription());
        h.vifs.plug(null, vif.cast());
        assertEquals(true, h.db.snapshot().require("VIF", vif).get("currently_attached"));

        Ref<Object> disk = disk(sr, vm, "1", 1L << 20);
        Ref<?> vbd = h.db.snapshot().require("VDI", disk).get("VBDs") instanceof Set<?> s ? (Ref<?>) s.iterator().next()
                : null;
        assertEquals(false, h.db.snapshot().require("VBD", vbd).get("currently_attached"));
        h.vbds.plug(null, vbd.cast());
        assertEquals(true, h.db.snapshot().require("VBD", vbd).get("currently_attached"));
        XenApiException busy = assertThrows(XenApiException.class, () -> h.vdis.destroy(disk, null));
        assertEquals("VDI_IN_USE", busy.code());
        h.vbds.unplug(null, vbd.cast());
        assertEquals(false, h.db.snapshot().require("VBD", vbd).get("currently_attached"));

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("SR", sr);
        f.put("virtual_size", 1L << 20);
        f.put("type", VdiType.USER);
        Ref<?> iso = h.vdis.create(f, null);
        Ref<?> cd = h.vbdLifecycle.create(Map.of("VM", vm, "userdevice", "3", "mode", VbdMode.RO, "type", VbdType.CD,
                "empty", true, "unpluggable", true), null);
        XenApiException empty = assertThrows(XenApiException.class, () -> h.vbds.eject(null, cd.cast()));
        assertEquals(List.of("VBD_IS_EMPTY", cd.handle()), empty.errorDescription());
        h.vbds.insert(null, cd.cast(), iso.cast());
        assertEquals(iso, h.db.snapshot().require("VBD", cd).get("VDI"));
        h.vbds.eject(null, cd.cast());
        assertEquals(true, h.db.snapshot().require("VBD", cd).get("empty"));
        h.vms.hardShutdown(null, vm.cast());
        assertEquals(false, h.db.snapshot().require("VIF", vif).get("currently_attached"));
    }

    @Test
    void otherConfigXenopsChoosesTheInstanceAndAnUnknownOneFallsBackToTheDefault() {
        Ref<Object> vm = h.vm("queued");
        h.db.write(tx -> {
            tx.addToMap("VM", vm, "other_config", "xenops", TestHost.QUEUE);
            return null;
        });
        assertEquals(TestHost.QUEUE, h.bridge.queueOf(vm(vm)));
        h.db.write(tx -> {
            tx.removeFromMap("VM", vm, "other_config", "xenops");
            tx.addToMap("VM", vm, "other_config", "xenops", "org.xen.xapi.xenops.nowhere");
            return null;
        });
        assertEquals(TestHost.QUEUE, h.bridge.queueOf(vm(vm)));
        h.vms.start(null, vm.cast(), false, false);
        assertTrue(h.xenops.vmExists("t", vm(vm).uuid()));
        h.vms.hardShutdown(null, vm.cast());
    }
}
