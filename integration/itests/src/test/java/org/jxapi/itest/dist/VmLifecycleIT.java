package org.jxapi.itest.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VBD;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VM;
import com.xensource.xenapi.VMMetrics;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guide's getting-started flow with the unmodified Java SDK against the assembled
 * distribution (simulated VMs): a VM made from a template (clone, other_config:disks, provision),
 * started with Async.VM.start while event.from shows it Running, suspended, resumed, rebooted
 * and shut down; a second start gets VM_BAD_POWER_STATE.
 */
class VmLifecycleIT {
    private static RunningDistribution dist;

    @BeforeAll
    static void start() throws Exception {
        dist = RunningDistribution.get();
    }

    private static VM template(Connection c, String name) throws Exception {
        for (Map.Entry<VM, VM.Record> e : VM.getAllRecords(c).entrySet()) {
            if (e.getValue().isATemplate && e.getValue().nameLabel.equals(name)) {
                return e.getKey();
            }
        }
        throw new AssertionError("no template named " + name);
    }

    private static boolean is(Map<String, Object> snapshot, String power) {
        return power.equalsIgnoreCase(String.valueOf(snapshot.get("power_state")));
    }

    @Test
    void aVmFromATemplateGoesThroughItsLifecycle() throws Exception {
        Connection c = XapiSdk.connect(dist);
        Path base = Files.createDirectories(dist.home.resolve("it-srs"));
        SR sr = XapiSdk.fileSr(c, base, "VM disks");

        VM template = template(c, "Other install media");
        VM vm = template.createClone(c, "my first VM");
        Map<String, String> oc = vm.getOtherConfig(c);
        String disks = oc.get("disks");
        assertNotNull(disks, "the template describes its disks");
        oc.put("disks", disks.replace("sr=\"\"", "sr=\"" + sr.getUuid(c) + "\""));
        vm.setOtherConfig(c, oc);
        vm.provision(c);
        assertFalse(vm.getIsATemplate(c));
        Set<VBD> vbds = vm.getVBDs(c);
        assertEquals(1, vbds.size(), "provision made the template's disk");
        VDI disk = vbds.iterator().next().getVDI(c);
        assertEquals(sr, disk.getSR(c));
        assertTrue(vm.getAllowedOperations(c).contains(Types.VmOperations.START));

        String token = XapiSdk.token(c);
        Task start = vm.startAsync(c, false, false);
        Map<String, Object> running = XapiSdk.watch(c, vm, token, 60, s -> is(s, "Running"));
        assertTrue(is(running, "Running"));
        Task.Record done = XapiSdk.await(c, start, 60);
        assertEquals(Types.TaskStatusType.SUCCESS, done.status, String.valueOf(done.errorInfo));
        assertEquals(Types.VmPowerState.RUNNING, vm.getPowerState(c));
        assertTrue(vm.getDomid(c) >= 0);
        assertEquals(XapiSdk.thisHost(c), vm.getResidentOn(c));
        VMMetrics metrics = vm.getMetrics(c);
        assertEquals(1L, metrics.getVCPUsNumber(c));
        assertTrue(vbds.iterator().next().getCurrentlyAttached(c));

        Types.VmBadPowerState again = assertThrows(Types.VmBadPowerState.class, () -> vm.start(c, false, false));
        assertEquals(vm.toWireString(), again.vm);
        assertEquals("halted", again.expected);
        assertEquals("running", again.actual);

        vm.suspend(c);
        assertEquals(Types.VmPowerState.SUSPENDED, vm.getPowerState(c));
        vm.resume(c, false, false);
        assertEquals(Types.VmPowerState.RUNNING, vm.getPowerState(c));
        vm.cleanReboot(c);
        assertEquals(Types.VmPowerState.RUNNING, vm.getPowerState(c));
        vm.shutdown(c);
        assertEquals(Types.VmPowerState.HALTED, vm.getPowerState(c));
        assertEquals(-1L, vm.getDomid(c));
        assertFalse(vbds.iterator().next().getCurrentlyAttached(c));

        vm.destroy(c);
        disk.destroy(c);
        sr.getPBDs(c).forEach(p -> {
            try {
                p.unplug(c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sr.destroy(c);
    }

    @Test
    void aPausedVmIsNotSuspendedButUnpaused() throws Exception {
        Connection c = XapiSdk.connect(dist);
        VM vm = XapiSdk.vm(c, "busy VM");
        vm.start(c, true, false);
        assertEquals(Types.VmPowerState.PAUSED, vm.getPowerState(c));
        Types.VmBadPowerState e = assertThrows(Types.VmBadPowerState.class, () -> vm.suspend(c));
        assertEquals("running", e.expected);
        assertEquals("paused", e.actual);
        vm.unpause(c);
        vm.hardShutdown(c);
        assertEquals(Types.VmPowerState.HALTED, vm.getPowerState(c));
        vm.destroy(c);
    }
}
