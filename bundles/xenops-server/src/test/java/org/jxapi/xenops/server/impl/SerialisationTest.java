package org.jxapi.xenops.server.impl;

import static org.jxapi.xenops.server.impl.Fixture.DBG;
import static org.jxapi.xenops.server.impl.Fixture.success;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.simulator.impl.SimulatorBackend;
import org.jxapi.xenops.spi.VmBackend;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One queue per VM and a worker pool: what may and may not run at the same time. */
class SerialisationTest {
    @TempDir
    Path dir;

    /** The simulator, with each domain-changing call taking a little while and counted while it runs. */
    static final class CountingSimulator extends SimulatorBackend {
        final Map<String, AtomicInteger> perVm = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxPerVm = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        CountingSimulator() {
            super((Path) null);
        }

        private void busy(String vm) {
            int mine = perVm.computeIfAbsent(vm, k -> new AtomicInteger()).incrementAndGet();
            int all = inFlight.incrementAndGet();
            maxPerVm.accumulateAndGet(mine, Math::max);
            maxInFlight.accumulateAndGet(all, Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                perVm.get(vm).decrementAndGet();
                inFlight.decrementAndGet();
            }
        }

        /** The domain-changing calls counted; the VM part's other calls go straight to the simulator. */
        private static final Set<String> COUNTED = Set.of("create", "build", "destroy", "pause");
        private final VmBackend counted = counting(super.vm());

        private VmBackend counting(VmBackend real) {
            return (VmBackend) Proxy.newProxyInstance(VmBackend.class.getClassLoader(),
                    new Class<?>[] {VmBackend.class}, (proxy, method, args) -> {
                        if (COUNTED.contains(method.getName())) {
                            busy(Arrays.stream(args).filter(Vm.class::isInstance).map(v -> ((Vm) v).id())
                                    .findFirst().orElseThrow());
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public VmBackend vm() {
            return counted;
        }
    }

    @Test
    void operationsOnOneVmNeverOverlapWhileDifferentVmsRunTogether() {
        CountingSimulator sim = new CountingSimulator();
        try (Fixture f = new Fixture(dir, sim, 4, 0)) {
            List<String> vms = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                vms.add(f.service.vmAdd(DBG, Vm.builder("vm" + i).build()));
            }
            // Every VM gets a burst of operations queued at once, several of them touching the domain.
            List<String> tasks = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String vm : vms) {
                    tasks.add(f.service.vmStart(DBG, vm, false));
                    tasks.add(f.service.vmPause(DBG, vm));
                    tasks.add(f.service.vmShutdown(DBG, vm, null));
                }
            }
            for (String t : tasks) {
                TaskInfo info = Fixture.waitForTask(f.service, t);
                assertEquals(TaskState.Status.COMPLETED, info.state().status(), () -> info.toString());
            }
            assertEquals(1, sim.maxPerVm.get(), "never two backend calls for one VM at once");
            assertTrue(sim.maxInFlight.get() > 1, "calls for different VMs overlapped");
            assertTrue(sim.maxInFlight.get() <= 4, "no more than the pool's four workers");
        }
    }

    @Test
    void raisingThePoolSizeUnblocksWaitingWork() {
        try (Fixture f = new Fixture(dir, new SimulatorBackend((Path) null), 1, 0)) {
            String a = f.service.vmAdd(DBG, Vm.builder("a").build());
            String b = f.service.vmAdd(DBG, Vm.builder("b").build());
            // The one worker is held by a long wait on VM a...
            String delay = f.service.vmDelay(DBG, a, 120);
            await(() -> f.engine.pool().dump().toString().contains("VM_delay"));
            // ...so VM b's start waits in its queue.
            String start = f.service.vmStart(DBG, b, false);
            assertFalse(f.service.taskStat(DBG, start).state().ended());
            assertFalse(f.engine.tasks().get(start).awaitEnd(Duration.ofMillis(300)), "no worker is free");
            f.service.hostSetWorkerPoolSize(DBG, 2);
            assertTrue(f.engine.tasks().get(start).awaitEnd(Duration.ofSeconds(10)), "a new worker took it");
            success(f.service, start);
            assertFalse(f.service.taskStat(DBG, delay).state().ended());
            f.service.taskCancel(DBG, delay);
            assertEquals(TaskState.Status.FAILED, Fixture.waitForTask(f.service, delay).state().status());
            // Shrinking takes effect as workers finish.
            f.service.hostSetWorkerPoolSize(DBG, 1);
            success(f.service, f.service.vmShutdown(DBG, b, null));
        }
    }

    @Test
    void identicalChecksWaitingInAQueueAreCoalesced() {
        try (Fixture f = new Fixture(dir, new SimulatorBackend((Path) null), 1, 0)) {
            String a = f.service.vmAdd(DBG, Vm.builder("a").build());
            String hold = f.service.vmDelay(DBG, a, 120);
            await(() -> f.engine.pool().dump().toString().contains("VM_delay"));
            TaskHandle first = f.engine.queue(DBG, new Operation.VmCheckState(a));
            TaskHandle second = f.engine.queue(DBG, new Operation.VmCheckState(a));
            assertFalse(first.ended(), "the first check waits for the worker");
            assertTrue(second.ended(), "the second one would find nothing the first does not");
            String queues = f.service.getDiagnostics(DBG);
            assertTrue(queues.contains("VM_check_state"), queues);
            f.service.taskCancel(DBG, hold);
            assertTrue(first.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    static void await(java.util.function.BooleanSupplier c) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(c::getAsBoolean);
    }
}
