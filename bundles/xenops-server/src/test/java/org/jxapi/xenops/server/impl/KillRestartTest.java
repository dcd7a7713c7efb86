package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.jxapi.xenops.server.impl.Fixture.success;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.junit.jupiter.api.AfterEach;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a xenops server with SIGKILL in the middle of a VM start and starts it again: the
 * restarted server finds the half-built domain in the simulator's persisted table and repairs
 * the VM. The server runs in a JVM of its own.
 */
class KillRestartTest {
    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<XenopsClient> clients = new ArrayList<>();
    private Path socket;

    @AfterEach
    void stopProcesses() throws Exception {
        clients.forEach(XenopsClient::close);
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor();
        }
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }

    private XenopsClient startServer(int generation) throws Exception {
        socket = Path.of("/tmp", "jxapi-kill-" + ProcessHandle.current().pid() + ".sock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StandaloneXenopsd.class.getName(), dir.resolve("data").toString(), socket.toString(),
                dir.resolve("hooks").toString(), dir.resolve("domains").toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server-" + generation + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        XenopsClient c = XenopsClient.connect(socket, "org.xen.xapi.xenops.simulator");
        clients.add(c);
        try {
            Awaitility.await("the server answers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .failFast("the server exited", () -> !p.isAlive())
                    .ignoreExceptionsInstanceOf(RuntimeException.class)
                    .until(() -> c.query(DBG) != null);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            fail("server did not come up: " + Files.readString(dir.resolve("server-" + generation + ".log")));
        }
        return c;
    }

    @Test
    void aServerKilledMidStartRepairsTheVmWhenItComesBack() throws Exception {
        XenopsClient x = startServer(1);
        String vm = x.vmAdd(DBG, Vm.builder("killed-mid-start").build());
        x.vbdAdd(DBG, Vbd.disk(new DeviceId(vm, "xvda"), Vbd.Mode.READ_WRITE, Disk.vdi("sr/root")));
        x.vifAdd(DBG, Vif.of(new DeviceId(vm, "0"), 0, "", "xenbr0"));
        // Learn how many cancellation points a start has, then stop one just before it completes.
        String counted = x.vmStart("count", vm, false);
        TaskInfo done = Fixture.waitForTask(x, counted);
        int points = Integer.parseInt(done.debugInfo().get("cancel_points_seen"));
        success(x, x.vmShutdown(DBG, vm, null));
        x.debugTrigger(DBG, "set-pause-trigger", List.of("doomed", Integer.toString(points - 1)));
        String t = x.vmStart("doomed", vm, false);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!x.taskStat(DBG, t).debugInfo().containsKey("paused_at")) {
            assertTrue(System.nanoTime() < deadline, "the start stopped at the trigger");
            x.updatesGet(DBG, null, 1);
        }
        VmState half = x.vmStat(DBG, vm).state();
        assertEquals(1, half.domids().size(), "the domain exists");
        assertTrue(x.vbdList(DBG, vm).get(0).state().plugged(), "devices are plugged: the start is far along");

        Process first = processes.get(0);
        first.destroyForcibly();
        first.waitFor();
        assertEquals(137, first.exitValue(), "killed by SIGKILL");

        String table = new SimulatorBackend(dir.resolve("domains")).describeDomains().toString();
        assertTrue(table.contains(vm + " domid=") && table.contains("request=NEEDS_POWEROFF"),
                "the half-built domain is still there, marked unfinished: " + table);

        XenopsClient y = startServer(2);
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (y.vmStat(DBG, vm).state().powerState() != PowerState.HALTED) {
            assertTrue(System.nanoTime() < deadline, "the restarted server repaired the VM");
            y.updatesGet(DBG, null, 1);
        }
        VmState repaired = y.vmStat(DBG, vm).state();
        assertTrue(repaired.domids().isEmpty());
        y.vbdList(DBG, vm).forEach(s -> assertFalse(s.state().plugged() || s.state().active(), s.toString()));
        y.vifList(DBG, vm).forEach(s -> assertFalse(s.state().plugged() || s.state().active(), s.toString()));
        // The VM is usable again: it starts whole and shuts down.
        success(y, y.vmStart(DBG, vm, false));
        assertEquals(PowerState.PAUSED, y.vmStat(DBG, vm).state().powerState());
        y.vbdList(DBG, vm).forEach(s -> assertTrue(s.state().plugged() && s.state().active()));
        success(y, y.vmShutdown(DBG, vm, null));
    }
}
