package org.jxapi.xenops.qemu.impl;

import static org.jxapi.xenops.qemu.impl.Guests.DBG;
import static org.jxapi.xenops.qemu.impl.Guests.success;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.qemu.testguest.TestGuest;
import org.jxapi.xenops.server.impl.XenopsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toolstack's JVM is killed with SIGKILL while guests run: the guests run on, and the
 * restarted toolstack re-attaches to them (same domids, Running) and can shut them down, while a
 * qemu it did not start is never touched. Also a migration into another process.
 */
@org.junit.jupiter.api.Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES,
        threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class RestartTest {
    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<XenopsClient> clients = new ArrayList<>();
    private Path socket;

    @AfterEach
    void stopEverything() throws Exception {
        clients.forEach(XenopsClient::close);
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor();
        }
        // Guests a failed test left behind: only the qemu processes recorded in this test's state.
        Path domains = dir.resolve("qemu").resolve("domains");
        if (Files.isDirectory(domains)) {
            try (var s = Files.list(domains)) {
                for (Path f : s.toList()) {
                    Domain d = Domain.fromJson(Qmp.JSON.readTree(f.toFile()));
                    if (QemuProcess.isDomainProcess(d.pid, d.pidStart, d.qmpSocket())) {
                        ProcessHandle.of(d.pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
        }
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }

    private XenopsClient startXenopsd(int generation) throws Exception {
        socket = Path.of("/tmp", "jxapi-qrestart-" + ProcessHandle.current().pid() + ".sock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("xenopsd-" + generation + ".log");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                QemuXenopsd.class.getName(), dir.resolve("qemu").toString(), dir.resolve("data").toString(),
                socket.toString(), dir.resolve("hooks").toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        processes.add(p);
        XenopsClient c = XenopsClient.connect(socket, EngineFixture.QUEUE);
        clients.add(c);
        Guests.await("xenopsd " + generation + " answers", Duration.ofSeconds(60), () -> {
            try {
                c.query(DBG);
                return true;
            } catch (RuntimeException e) {
                assertTrue(p.isAlive(), () -> "xenopsd died: " + Guests.read(log));
                return false;
            }
        }, () -> Guests.read(log));
        return c;
    }

    private Path console(VmState s) {
        return dir.resolve("qemu").resolve("run").resolve(Integer.toString(s.domids().get(0))).resolve("console.log");
    }

    private long pidOf(String vmId) throws Exception {
        return Domain.fromJson(Qmp.JSON.readTree(dir.resolve("qemu/domains/" + vmId + ".json").toFile())).pid;
    }

    @Test
    void guestsOutliveAKilledToolstackAndAreReattached() throws Exception {
        Process foreign = ForeignQemu.start(dir.resolve("foreign"));
        try {
            XenopsClient x = startXenopsd(1);
            List<Vm> vms = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Vm vm = Guests.vm("survivor-" + i, 1, 1).build();
                x.vmAdd(DBG, vm);
                vms.add(vm);
                success(x, x.vmStart(DBG, vm.id(), false));
                success(x, x.vmUnpause(DBG, vm.id()));
            }
            List<List<Integer>> domids = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            for (Vm vm : vms) {
                VmState s = x.vmStat(DBG, vm.id()).state();
                domids.add(s.domids());
                pids.add(pidOf(vm.id()));
                Guests.awaitMarker(console(s), TestGuest.READY_MARKER, 1, Duration.ofSeconds(120));
            }

            Process first = processes.get(0);
            first.destroyForcibly();
            first.waitFor();
            assertEquals(137, first.exitValue(), "killed by SIGKILL");
            for (long pid : pids) {
                assertTrue(QemuProcess.running(pid), "qemu " + pid + " outlived the toolstack");
            }

            XenopsClient y = startXenopsd(2);
            for (int i = 0; i < vms.size(); i++) {
                VmState s = y.vmStat(DBG, vms.get(i).id()).state();
                assertEquals(PowerState.RUNNING, s.powerState());
                assertEquals(domids.get(i), s.domids(), "the same domain, re-attached");
                assertEquals(pids.get(i), pidOf(vms.get(i).id()));
            }
            assertTrue(y.vmList(DBG).stream().allMatch(st -> vms.stream().anyMatch(v -> v.id().equals(st.config().id()))),
                    "only our VMs are listed");
            // Shut them down cleanly: ACPI through the re-attached QMP connections, events included.
            List<String> tasks = new ArrayList<>();
            for (Vm vm : vms) {
                tasks.add(y.vmShutdown(DBG, vm.id(), 60.0));
            }
            tasks.forEach(t -> success(y, t));
            for (int i = 0; i < vms.size(); i++) {
                assertEquals(PowerState.HALTED, y.vmStat(DBG, vms.get(i).id()).state().powerState());
                long pid = pids.get(i);
                Guests.await("qemu " + pid + " has exited", Duration.ofSeconds(10), () -> !QemuProcess.running(pid));
            }
            assertTrue(foreign.isAlive(), "the qemu jxapi did not start was left alone");
            assertEquals("prelaunch", ForeignQemu.status(dir.resolve("foreign")), "not even paused or resumed");
        } finally {
            foreign.destroyForcibly();
            foreign.waitFor();
        }
    }

    @Test
    void aVmMigratesIntoAnotherProcess() throws Exception {
        XenopsClient b = startXenopsd(1);
        try (EngineFixture a = new EngineFixture(dir.resolve("a"))) {
            Vm vm = a.boot(Guests.vm("to-another-process"));
            Guests.await("the counter runs", Duration.ofSeconds(20), () -> Guests.counter(a.backend, vm) >= 2);
            success(a.x, a.x.vmMigrate(DBG, vm.id(), Map.of(), Map.of(), Map.of(), "unix:" + socket, false, false,
                    true));
            VmState s = b.vmStat(DBG, vm.id()).state();
            assertEquals(PowerState.RUNNING, s.powerState());
            assertFalse(a.x.vmExists(DBG, vm.id()));
            Guests.await("the guest agent reconnects", Duration.ofSeconds(30),
                    () -> b.vmStat(DBG, vm.id()).state().pvDriversDetected());
            String task = b.vmRunScript(DBG, vm.id(), "cat /run/counter");
            org.jxapi.xenops.api.TaskInfo t = Guests.waitTask(b, task, Duration.ofSeconds(60));
            assertEquals(org.jxapi.xenops.api.TaskState.Status.COMPLETED, t.state().status(), String.valueOf(t));
            assertTrue(String.valueOf(t.state().result()).contains("stdout"), String.valueOf(t));
            success(b, b.vmShutdown(DBG, vm.id(), null));
        }
    }
}
