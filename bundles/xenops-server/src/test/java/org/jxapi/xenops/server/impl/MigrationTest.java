package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.jxapi.xenops.server.impl.Fixture.success;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration between two instances on one host, through the destination's socket. */
class MigrationTest {
    @TempDir
    Path dir;

    @Test
    void aRunningVmMovesToTheOtherInstanceWithItsDevices() throws Exception {
        SimulatorBackend sim = new SimulatorBackend((Path) null);
        try (Fixture a = new Fixture(dir.resolve("a"), sim, 2, 0).serve();
                Fixture b = new Fixture(dir.resolve("b"), sim, 2, 0).serve()) {
            a.hook("vm-pre-migrate", "10log", "echo \"$*\" > " + dir.resolve("migrate.log"), true);
            String vm = a.client.vmAdd(DBG, Vm.builder("mover").build());
            a.client.vbdAdd(DBG, Vbd.disk(new DeviceId(vm, "xvda"), Vbd.Mode.READ_WRITE, Disk.vdi("sr1/disk")));
            a.client.vifAdd(DBG, Vif.of(new DeviceId(vm, "0"), 0, "", "xenbr0"));
            success(a.client, a.client.vmStart(DBG, vm, false));
            success(a.client, a.client.vmUnpause(DBG, vm));
            String url = "unix:" + b.rpc.socket();
            success(a.client, a.client.vmMigrate(DBG, vm, Map.of("sr1/disk", "sr2/disk"),
                    Map.of("0", Network.local("xenbr9")), Map.of(), url, false, false, true));
            assertFalse(a.client.vmExists(DBG, vm), "the source no longer manages it");
            assertEquals(PowerState.RUNNING, b.client.vmStat(DBG, vm).state().powerState());
            assertEquals(Disk.vdi("sr2/disk"), b.client.vbdList(DBG, vm).get(0).config().backend());
            assertTrue(b.client.vbdList(DBG, vm).get(0).state().plugged());
            assertEquals(Network.local("xenbr9"), b.client.vifList(DBG, vm).get(0).config().backend());
            assertTrue(b.client.vifList(DBG, vm).get(0).state().plugged());
            assertEquals("-vmuuid mover -reason source", Files.readString(dir.resolve("migrate.log")).trim());
            success(b.client, b.client.vmShutdown(DBG, vm, null));
        }
    }

    @Test
    void anUnreachableDestinationLeavesTheVmRunningHere() throws Exception {
        try (Fixture a = new Fixture(dir).serve()) {
            String vm = a.client.vmAdd(DBG, Vm.builder("stays").build());
            success(a.client, a.client.vmStart(DBG, vm, false));
            String t = a.client.vmMigrate(DBG, vm, Map.of(), Map.of(), Map.of(), "unix:/tmp/no-such-xenopsd.sock",
                    false, false, true);
            TaskInfo info = Fixture.waitForTask(a.client, t);
            assertEquals(TaskState.Status.FAILED, info.state().status());
            assertEquals(PowerState.PAUSED, a.client.vmStat(DBG, vm).state().powerState());
            assertEquals(List.of(), a.client.vbdList(DBG, vm));
            String bad = a.client.vmMigrate(DBG, vm, Map.of(), Map.of(), Map.of(), "http://elsewhere", false, false,
                    false);
            assertEquals(XenopsErrorCode.FAILED_TO_CONTACT_REMOTE_SERVICE,
                    Fixture.waitForTask(a.client, bad).state().error().code());
            success(a.client, a.client.vmShutdown(DBG, vm, null));
        }
    }
}
