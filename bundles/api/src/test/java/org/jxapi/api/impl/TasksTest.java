package org.jxapi.api.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.api.Call;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.api.VmApi;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Vm;

/** Async twins and tasks: results encoded as the original does, failures, cancellation, limits. */
class TasksTest {
    @TempDir
    Path dir;
    private TestHost host;

    /** A stand-in for the VM bundle: start works for a while, checking for cancellation. */
    private final class SlowVms implements VmApi {
        @Override
        public void start(Ref<Session> s, Ref<Vm> vm, boolean paused, boolean force) {
            Call call = host.core.current();
            for (int i = 0; i < 200; i++) {
                call.checkCancelled();
                call.progress(i / 200.0);
                try {
                    // The stand-in's workload: each step takes a while (this waits for nothing).
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public Ref<Vm> clone(Ref<Session> s, Ref<Vm> vm, String newName) {
            return host.database().write(tx -> tx.create("VM", Map.of("name_label", newName)));
        }

        @Override
        public void pause(Ref<Session> s, Ref<Vm> vm) {
            throw ErrorCodes.VM_BAD_POWER_STATE.error(vm.handle(), "running", "halted");
        }
    }

    @BeforeEach
    void start() throws Exception {
        host = new TestHost(dir, Map.of("tasks.max.pending", 3));
        host.core.explicit().add(new SlowVms(), VmApi.class, 0, 1);
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitTask(String s, String task) {
        return await("task " + task + " to finish").atMost(Duration.ofSeconds(15))
                .until(() -> (Map<String, Object>) host.ok("task.get_record", s, task),
                        t -> !t.get("status").equals("pending") && !t.get("status").equals("cancelling"));
    }

    @Test
    void anAsyncCallReturnsATaskWhoseResultIsEncodedAsTheOriginalDoes() throws Exception {
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of("name_label", "base"));
        String task = (String) host.ok("Async.VM.clone", s, vm, "copy");
        assertTrue(task.startsWith("OpaqueRef:"));
        Map<String, Object> t = awaitTask(s, task);
        assertEquals("success", t.get("status"));
        assertEquals(1.0, t.get("progress"));
        String result = (String) t.get("result");
        assertTrue(result.matches("<value>OpaqueRef:[-0-9a-f]+</value>"), result);
        String clone = result.substring(7, result.length() - 8);
        assertEquals("copy", host.ok("VM.get_name_label", s, clone));
        assertEquals("Async.VM.clone", t.get("name_label"));
        host.ok("task.destroy", s, task);
        assertEquals(List.of("HANDLE_INVALID", "task", task), host.error("task.get_record", s, task));
    }

    @Test
    void failuresOfAsyncCallsLandInErrorInfo() throws Exception {
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of());
        Map<String, Object> t = awaitTask(s, (String) host.ok("Async.VM.pause", s, vm));
        assertEquals("failure", t.get("status"));
        assertEquals(List.of("VM_BAD_POWER_STATE", vm, "running", "halted"), t.get("error_info"));
        t = awaitTask(s, (String) host.ok("Async.VM.suspend", s, vm));
        assertEquals(List.of("NOT_IMPLEMENTED", "VM.suspend"), t.get("error_info"));
    }

    @Test
    void cancellingATaskStopsItAtItsNextCancellationPoint() throws Exception {
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of());
        String task = (String) host.ok("Async.VM.start", s, vm, false, false);
        await("progress before the cancel").atMost(Duration.ofSeconds(10))
                .until(() -> (Double) host.ok("task.get_progress", s, task) > 0.0);
        long t0 = System.nanoTime();
        host.ok("task.cancel", s, task);
        Map<String, Object> t = awaitTask(s, task);
        assertEquals("cancelled", t.get("status"));
        assertEquals(List.of("TASK_CANCELLED", task), t.get("error_info"));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000, "the cancel took too long");
        assertTrue((Double) t.get("progress") > 0.0, "no progress was reported before the cancel");
    }

    @Test
    void tooManyPendingTasksAreRefused() throws Exception {
        String s = host.login();
        String vm = (String) host.ok("VM.create", s, Map.of());
        for (int i = 0; i < 3; i++) {
            host.ok("Async.VM.start", s, vm, false, false);
        }
        assertEquals(List.of("TOO_MANY_PENDING_TASKS"), host.error("Async.VM.start", s, vm, false, false));
    }

    @Test
    void clientsCanMakeTasksForTheirOwnWork() throws Exception {
        String s = host.login();
        String task = (String) host.ok("task.create", s, "upload", "an HTTP transfer");
        assertEquals("pending", host.ok("task.get_status", s, task));
        assertTrue(((List<?>) host.ok("session.get_tasks", s, s)).contains(task));
        host.ok("task.set_progress", s, task, 0.5);
        assertEquals(0.5, host.ok("task.get_progress", s, task));
        host.ok("task.destroy", s, task);
        assertTrue(((List<?>) host.ok("task.get_all", s)).isEmpty());
    }
}
