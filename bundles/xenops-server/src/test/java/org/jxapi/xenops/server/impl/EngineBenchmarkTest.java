package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how long 1,000 simulated VM start+shutdown cycles take, in-process and through the Unix
 * socket: a figure to watch, not a timed assertion (the machine is shared and noisy).
 */
class EngineBenchmarkTest {
    static final int VMS = 1000;

    @TempDir
    Path dir;

    /** Starts then shuts down every VM, all queued at once; returns the seconds taken. */
    static double cycle(Xenops x, List<String> ids) {
        long t0 = System.nanoTime();
        Set<String> tasks = new LinkedHashSet<>();
        ids.forEach(id -> tasks.add(x.vmStart(DBG, id, false)));
        Fixture.waitForTasks(x, tasks);
        for (String t : tasks) {
            assertEquals(TaskState.Status.COMPLETED, x.taskStat(DBG, t).state().status());
            x.taskDestroy(DBG, t);
        }
        tasks.clear();
        ids.forEach(id -> tasks.add(x.vmShutdown(DBG, id, null)));
        Fixture.waitForTasks(x, tasks);
        for (String t : tasks) {
            assertEquals(TaskState.Status.COMPLETED, x.taskStat(DBG, t).state().status());
            x.taskDestroy(DBG, t);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static List<String> addVms(Xenops x, String prefix, boolean devices) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < VMS; i++) {
            String id = x.vmAdd(DBG, Vm.builder(prefix + i).build());
            if (devices) {
                x.vbdAdd(DBG, Vbd.disk(new DeviceId(id, "0"), Vbd.Mode.READ_WRITE, Disk.vdi("sr/vdi" + i)));
                x.vifAdd(DBG, Vif.of(new DeviceId(id, "0"), 0, "", "xenbr0"));
            }
            ids.add(id);
        }
        return ids;
    }

    private static void report(String what, double[] runs) {
        StringBuilder sb = new StringBuilder();
        for (double r : runs) {
            sb.append(String.format(" %.3f", r));
        }
        System.out.printf("[benchmark] %d VM start+shutdown %s: seconds per run:%s%n", VMS, what, sb);
    }

    @Test
    void inProcess() {
        try (Fixture f = new Fixture(dir, new SimulatorBackend((Path) null), 4, 0)) {
            List<String> plain = addVms(f.service, "vm-", false);
            List<String> withDevices = addVms(f.service, "dev-", true);
            double[] runs = new double[2];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = cycle(f.service, plain);
            }
            report("in-process, no devices", runs);
            for (int i = 0; i < runs.length; i++) {
                runs[i] = cycle(f.service, withDevices);
            }
            report("in-process, 1 VBD + 1 VIF each", runs);
            assertEquals(PowerState.HALTED, f.service.vmStat(DBG, "vm-0").state().powerState());
        }
    }

    @Test
    void throughTheSocket() throws Exception {
        try (Fixture f = new Fixture(dir, new SimulatorBackend((Path) null), 4, 0).serve()) {
            List<String> plain = addVms(f.client, "vm-", false);
            long t0 = System.nanoTime();
            int calls = 2000;
            for (int i = 0; i < calls; i++) {
                f.client.updatesLastId(DBG);
            }
            System.out.printf("[benchmark] one JSON-RPC call over the socket: %.0f us%n",
                    (System.nanoTime() - t0) / 1e3 / calls);
            report("through the Unix socket, no devices", new double[] {cycle(f.client, plain)});
        }
    }
}
