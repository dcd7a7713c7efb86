package org.jxapi.xapi.vm.impl;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jxapi.api.Call;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One xenops instance as xapi follows it: its thread watching UPDATES.get (the original's
 * events_watch, one per queue), the calls waiting for its tasks, and what xapi last pushed to it
 * of each VM. Changed VMs and devices of one batch of updates are written in one transaction.
 */
final class XenopsQueue {
    private static final Logger LOG = LoggerFactory.getLogger(XenopsQueue.class);
    static final String DBG = "xapi";

    /** What xapi last gave xenops of one VM, so that an unchanged VM is not pushed again. */
    record Pushed(Vm vm, List<org.jxapi.xenops.api.Vbd> vbds, List<org.jxapi.xenops.api.Vif> vifs) { }

    final String queue;
    final Xenops xenops;
    /** The instance's JSON-RPC socket (service property xenops.socket), or null: where migrations to it go. */
    volatile String socket;
    final Map<String, Pushed> pushed = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TaskInfo>> waiters = new ConcurrentHashMap<>();
    private final Map<String, Call> progressTo = new ConcurrentHashMap<>();
    private final VmStates states;
    private final int timeout;
    private final Thread watcher;
    private volatile boolean running = true;

    XenopsQueue(String queue, Xenops xenops, VmStates states, int timeout) {
        this.queue = queue;
        this.xenops = xenops;
        this.states = states;
        this.timeout = timeout;
        this.watcher = new Thread(this::watch, "jxapi-xenops-events-" + queue);
        watcher.setDaemon(true);
    }

    void start() {
        watcher.start();
    }

    void stop() {
        running = false;
        watcher.interrupt();
        waiters.values().forEach(f -> f.completeExceptionally(
                XenopsException.internal("xenops instance " + queue + " went away")));
    }

    private void watch() {
        Integer last = null;
        while (running) {
            try {
                if (last == null) {
                    last = xenops.updatesLastId(DBG);
                    states.resync(this);
                }
                Updates u = xenops.updatesGet(DBG, last, timeout);
                last = u.lastId();
                apply(u.ids());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("watching xenops instance {} failed; starting again: {}", queue, e.toString());
                last = null;
                pause();
            }
        }
    }

    private void apply(List<DynamicId> ids) {
        Set<String> vms = new LinkedHashSet<>();
        Set<DeviceId> vbds = new LinkedHashSet<>();
        Set<DeviceId> vifs = new LinkedHashSet<>();
        for (DynamicId id : ids) {
            switch (id.kind()) {
                case TASK -> task(id.id());
                case VM -> vms.add(id.id());
                case VBD -> vbds.add(id.deviceId());
                case VIF -> vifs.add(id.deviceId());
                default -> {
                    // PCI, VGPU and VUSB objects are not kept by this xapi yet.
                }
            }
        }
        if (!vms.isEmpty() || !vbds.isEmpty() || !vifs.isEmpty()) {
            states.apply(this, vms, vbds, vifs);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- tasks

    private void task(String id) {
        CompletableFuture<TaskInfo> f = waiters.get(id);
        if (f == null) {
            return;
        }
        TaskInfo t;
        try {
            t = xenops.taskStat(DBG, id);
        } catch (XenopsException e) {
            return;
        }
        if (t.state().ended()) {
            f.complete(t);
        } else {
            Call c = progressTo.get(id);
            if (c != null) {
                states.progress(c, t.state().progress());
            }
        }
    }

    /**
     * Waits for a task of this instance, showing its progress on {@code call}'s task and
     * cancelling it when the call is cancelled; then destroys it and returns its final state.
     */
    TaskInfo await(String taskId, Call call) {
        CompletableFuture<TaskInfo> f = new CompletableFuture<>();
        waiters.put(taskId, f);
        if (call != null) {
            progressTo.put(taskId, call);
        }
        boolean cancelAsked = false;
        try {
            task(taskId);
            while (true) {
                try {
                    return f.get(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (!cancelAsked && call != null && call.isCancelled()) {
                        cancelAsked = true;
                        xenops.taskCancel(DBG, taskId);
                    }
                    // An update may have been folded into one we read before listening.
                    task(taskId);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : XenopsException.wrap(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    xenops.taskCancel(DBG, taskId);
                    throw XenopsException.internal("interrupted waiting for task " + taskId);
                }
            }
        } finally {
            waiters.remove(taskId);
            progressTo.remove(taskId);
            try {
                xenops.taskDestroy(DBG, taskId);
            } catch (XenopsException e) {
                LOG.debug("task {} of {} already gone", taskId, queue);
            }
        }
    }

    /** The VM's state, or null when this instance does not know the VM. */
    Stat<Vm, VmState> stat(String vm) {
        try {
            return xenops.vmStat(DBG, vm);
        } catch (XenopsException e) {
            if (e.errorCode() == org.jxapi.xenops.api.XenopsErrorCode.DOES_NOT_EXIST) {
                return null;
            }
            throw e;
        }
    }
}
