package org.jxapi.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.server.impl.XenopsClient;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;

/**
 * The xenops engine alone, over the simulator: N VMs started then shut down, all queued at once,
 * in-process and through the instance's Unix socket (JSON-RPC, the derived client), and one
 * JSON-RPC call's round trip. Arguments: the VM count (default 1000), the runs (default 2) and the
 * warm-up runs before them (default 4), printed on a line of their own: the first cycles through the
 * socket run while the JIT is still compiling the JSON mapping and the HTTP paths on both sides, and
 * their times swing by a factor of two from one run to the next (measured on 2 cores: 0.62 to 0.95 s
 * in the first run, 0.28 to 0.34 s by the sixth). A toolstack runs for months; the steady state is
 * the figure that says something about the engine.
 * Was xenops-server's EngineBenchmarkTest, which printed these figures in every unit build.
 */
public final class EngineBench {
    private static final String DBG = "bench";

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        int vms = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        System.out.println("machine: " + BenchSupport.machine());
        Path dir = Files.createTempDirectory("jxapi-enginebench");
        AtomicReference<Xenops> registered = new AtomicReference<>();
        Object instance = XapiHarness.xenopsInstance(dir, registered, new SimulatorBackend((Path) null),
                XapiHarness.QUEUE, "enginebench");
        Path socket = Path.of("/tmp/jxapi-enginebench-" + ProcessHandle.current().pid() + ".sock");
        try (XenopsClient client = XenopsClient.connect(socket, XapiHarness.QUEUE)) {
            Xenops x = registered.get();
            List<String> plain = addVms(x, "vm-", vms, false);
            List<String> withDevices = addVms(x, "dev-", vms, true);
            report(vms, "in-process, no devices", warmups, runs, () -> cycle(x, plain));
            report(vms, "in-process, 1 VBD + 1 VIF each", warmups, runs, () -> cycle(x, withDevices));
            int calls = 2000;
            for (int i = 0; i < calls; i++) {
                client.updatesLastId(DBG);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                client.updatesLastId(DBG);
            }
            System.out.printf("one JSON-RPC call over the socket: %.0f us%n", (System.nanoTime() - t0) / 1e3 / calls);
            report(vms, "through the Unix socket, no devices", warmups, runs, () -> cycle(client, plain));
        } finally {
            Method deactivate = instance.getClass().getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(instance);
        }
    }

    private interface Run {
        double seconds();
    }

    private static void report(int vms, String what, int warmups, int runs, Run r) {
        if (warmups > 0) {
            System.out.printf("%d VM start+shutdown %s: warm-up runs:%s%n", vms, what, times(warmups, r));
        }
        System.out.printf("%d VM start+shutdown %s: seconds per run:%s%n", vms, what, times(runs, r));
    }

    private static String times(int n, Run r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format(" %.3f", r.seconds()));
        }
        return sb.toString();
    }

    private static List<String> addVms(Xenops x, String prefix, int n, boolean devices) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = x.vmAdd(DBG, Vm.builder(prefix + i).build());
            if (devices) {
                x.vbdAdd(DBG, Vbd.disk(new DeviceId(id, "0"), Vbd.Mode.READ_WRITE, Disk.vdi("sr/vdi" + i)));
                x.vifAdd(DBG, Vif.of(new DeviceId(id, "0"), 0, "", "xenbr0"));
            }
            ids.add(id);
        }
        return ids;
    }

    /** Starts then shuts down every VM, all queued at once; returns the seconds taken. */
    private static double cycle(Xenops x, List<String> ids) {
        long t0 = System.nanoTime();
        Set<String> tasks = new LinkedHashSet<>();
        ids.forEach(id -> tasks.add(x.vmStart(DBG, id, false)));
        finish(x, tasks);
        tasks.clear();
        ids.forEach(id -> tasks.add(x.vmShutdown(DBG, id, null)));
        finish(x, tasks);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Waits for the tasks through the update feed, checks they succeeded and destroys them. */
    private static void finish(Xenops x, Set<String> ids) {
        Set<String> left = new HashSet<>(ids);
        left.removeIf(id -> x.taskStat(DBG, id).state().ended());
        Integer token = null;
        while (!left.isEmpty()) {
            Updates u = x.updatesGet(DBG, token, 30);
            if (u.ids().isEmpty() && u.barriers().isEmpty()) {
                throw new IllegalStateException("no updates within 30 s; waiting for " + left.size() + " tasks");
            }
            token = u.lastId();
            for (DynamicId d : u.ids()) {
                if (d.kind() == DynamicId.Kind.TASK && left.contains(d.id())
                        && x.taskStat(DBG, d.id()).state().ended()) {
                    left.remove(d.id());
                }
            }
        }
        for (String t : ids) {
            TaskState.Status s = x.taskStat(DBG, t).state().status();
            if (s != TaskState.Status.COMPLETED) {
                throw new IllegalStateException("task " + t + " ended " + s);
            }
            x.taskDestroy(DBG, t);
        }
    }
}
