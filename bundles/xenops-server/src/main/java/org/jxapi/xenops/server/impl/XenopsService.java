package org.jxapi.xenops.server.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.Metadata;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Query;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.json.XenopsJson;
import org.jxapi.xenops.server.impl.Atom.*;
import org.jxapi.xenops.server.impl.Operation.*;

/** The {@link Xenops} calls of one instance, on top of its {@link Engine}; device calls are in the base class. */
final class XenopsService extends XenopsDeviceCalls {
    static final String VERSION = "1.0.0";

    XenopsService(Engine engine) {
        super(engine);
    }

    Engine engine() {
        return engine;
    }

    /** Queues an operation on a VM this instance manages; any other VM is {@code Does_not_exist} at once. */
    private String vmTask(String dbg, String id, Operation op) {
        store.vmExn(id);
        return task(dbg, op);
    }

    @Override
    public String queueName() {
        return engine.settings().queue();
    }

    @Override
    public Query query(String dbg) {
        return new Query("xenops", "jxapi", VERSION, List.of("tasks", "updates", "barriers", "hooks"),
                engine.instanceId());
    }

    @Override
    public String getDiagnostics(String dbg) {
        return XenopsJson.writeString(engine.diagnostics());
    }

    // TASK

    @Override
    public TaskInfo taskStat(String dbg, String taskId) {
        return engine.tasks().get(taskId).info();
    }

    @Override
    public void taskCancel(String dbg, String taskId) {
        engine.tasks().get(taskId).cancel();
    }

    @Override
    public void taskDestroy(String dbg, String taskId) {
        engine.tasks().get(taskId);
        engine.tasks().remove(taskId);
        engine.updates().remove(DynamicId.task(taskId));
    }

    @Override
    public List<TaskInfo> taskList(String dbg) {
        return engine.tasks().list().stream().map(TaskHandle::info).toList();
    }

    @Override
    public void taskDestroyOnFinish(String dbg, String taskId) {
        TaskHandle t = engine.tasks().get(taskId);
        t.destroyOnFinish();
        if (t.ended()) {
            taskDestroy(dbg, taskId);
        }
    }

    // HOST

    @Override
    public Host hostStat(String dbg) {
        return b.host().stat();
    }

    @Override
    public String hostGetConsoleData(String dbg) {
        return b.host().getConsoleData();
    }

    @Override
    public long hostGetTotalMemoryMib(String dbg) {
        return b.host().getTotalMemoryMib();
    }

    @Override
    public void hostSendDebugKeys(String dbg, String keys) {
        b.host().sendDebugKeys(keys);
    }

    @Override
    public void hostSetWorkerPoolSize(String dbg, int size) {
        if (size < 1) {
            throw XenopsException.internal("worker pool size must be at least 1");
        }
        engine.pool().setSize(size);
    }

    // VM

    @Override
    public String vmAdd(String dbg, Vm vm) {
        store.putVm(vm);
        b.vm().add(vm);
        engine.signalVm(vm.id());
        return vm.id();
    }

    @Override
    public void vmRemove(String dbg, String id) {
        store.vmExn(id);
        engine.queueAndWait(dbg, new AtomicOp(new VmRemove(id)));
    }

    @Override
    public Stat<Vm, VmState> vmStat(String dbg, String id) {
        Vm vm = store.vmExn(id);
        VmState state = b.vm().getState(vm);
        // A VM half-way through a reboot is still running as far as clients are concerned.
        if (engine.isRebooting(id)) {
            state = state.withPowerState(PowerState.RUNNING);
        }
        return new Stat<>(vm, state);
    }

    @Override
    public boolean vmExists(String dbg, String id) {
        return store.exists(id);
    }

    @Override
    public List<Stat<Vm, VmState>> vmList(String dbg) {
        List<Stat<Vm, VmState>> out = new ArrayList<>();
        for (String id : store.vmIds()) {
            Vm vm = store.vm(id);
            if (vm != null) {
                out.add(new Stat<>(vm, b.vm().getState(vm)));
            }
        }
        return out;
    }

    @Override
    public String vmCreate(String dbg, String id) {
        return vmTask(dbg, id, new AtomicOp(new VmCreate(id, null, null, false, false, false)));
    }

    @Override
    public String vmBuild(String dbg, String id, boolean force) {
        return vmTask(dbg, id, new AtomicOp(new VmBuild(id, force)));
    }

    @Override
    public String vmCreateDeviceModel(String dbg, String id, boolean saveState) {
        return vmTask(dbg, id, new AtomicOp(new VmCreateDeviceModel(id, saveState)));
    }

    @Override
    public String vmDestroy(String dbg, String id) {
        return vmTask(dbg, id, new AtomicOp(new VmDestroy(id)));
    }

    @Override
    public String vmPause(String dbg, String id) {
        return vmTask(dbg, id, new AtomicOp(new VmPause(id)));
    }

    @Override
    public String vmUnpause(String dbg, String id) {
        return vmTask(dbg, id, new AtomicOp(new VmUnpause(id)));
    }

    @Override
    public String vmRequestRdp(String dbg, String id, boolean enabled) {
        return vmTask(dbg, id, new AtomicOp(new VmRequestRdp(id, enabled)));
    }

    @Override
    public String vmRunScript(String dbg, String id, String script) {
        return vmTask(dbg, id, new AtomicOp(new VmRunScript(id, script)));
    }

    @Override
    public String vmSetXsdata(String dbg, String id, Map<String, String> xsdata) {
        return vmTask(dbg, id, new AtomicOp(new VmSetXsdata(id, Map.copyOf(xsdata))));
    }

    @Override
    public String vmSetVcpus(String dbg, String id, int vcpus) {
        return vmTask(dbg, id, new AtomicOp(new VmSetVcpus(id, vcpus)));
    }

    @Override
    public String vmSetShadowMultiplier(String dbg, String id, double multiplier) {
        return vmTask(dbg, id, new AtomicOp(new VmSetShadowMultiplier(id, multiplier)));
    }

    @Override
    public String vmSetMemoryDynamicRange(String dbg, String id, long min, long max) {
        return vmTask(dbg, id, new AtomicOp(new VmSetMemoryDynamicRange(id, min, max)));
    }

    @Override
    public String vmDelay(String dbg, String id, double seconds) {
        return vmTask(dbg, id, new AtomicOp(new VmDelay(id, seconds)));
    }

    @Override
    public String vmStart(String dbg, String id, boolean force) {
        return vmTask(dbg, id, new VmStart(id, force));
    }

    @Override
    public String vmShutdown(String dbg, String id, Double timeout) {
        return vmTask(dbg, id, new VmPoweroff(id, timeout));
    }

    @Override
    public String vmReboot(String dbg, String id, Double timeout) {
        return vmTask(dbg, id, new VmReboot(id, timeout));
    }

    @Override
    public String vmSuspend(String dbg, String id, Disk disk) {
        return vmTask(dbg, id, new VmSuspend(id, disk));
    }

    @Override
    public String vmResume(String dbg, String id, Disk disk) {
        return vmTask(dbg, id, new VmResume(id, disk));
    }

    @Override
    public String vmFastResume(String dbg, String id) {
        return vmTask(dbg, id, new AtomicOp(new VmFastResume(id)));
    }

    @Override
    public String vmS3Suspend(String dbg, String id) {
        return vmTask(dbg, id, new AtomicOp(new VmS3Suspend(id)));
    }

    @Override
    public String vmS3Resume(String dbg, String id) {
        return vmTask(dbg, id, new AtomicOp(new VmS3Resume(id)));
    }

    @Override
    public String vmMigrate(String dbg, String id, Map<String, String> vdiMap, Map<String, Network> vifMap,
            Map<String, PciAddress> pciMap, String url, boolean compress, boolean verifyDest,
            boolean localhostMigration) {
        store.vmExn(id);
        return task(dbg, new VmMigrate(id, url, Map.copyOf(vdiMap), Map.copyOf(vifMap)));
    }

    @Override
    public String vmGenerateStateString(String dbg, Vm vm) {
        return b.vm().generateStateString(vm);
    }

    @Override
    public String vmExportMetadata(String dbg, String id) {
        return XenopsJson.writeString(engine.exportMetadata(id));
    }

    private static Metadata parseMetadata(String s) {
        try {
            return XenopsJson.read(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), Metadata.class);
        } catch (IllegalArgumentException e) {
            throw XenopsException.internal("Unable to unmarshal metadata: " + e.getMessage());
        }
    }

    @Override
    public String vmImportMetadata(String dbg, String metadata) {
        Metadata md = parseMetadata(metadata);
        String id = md.vm().id();
        // A running VM's metadata may be replaced; the change waits for queued operations.
        if (store.exists(id)) {
            engine.queueAndWait(dbg, new AtomicOp(new VmImportMetadata(id, md)));
        } else {
            engine.immediate(dbg, new AtomicOp(new VmImportMetadata(id, md)));
        }
        return id;
    }

    @Override
    public String vmImportMetadataAsync(String dbg, String metadata) {
        Metadata md = parseMetadata(metadata);
        return task(dbg, new AtomicOp(new VmImportMetadata(md.vm().id(), md)));
    }

    // UPDATES

    @Override
    public Updates updatesGet(String dbg, Integer lastId, Integer timeoutSeconds) {
        try {
            return engine.updates().get(lastId, timeoutSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XenopsException.internal("interrupted while waiting for updates");
        }
    }

    @Override
    public int updatesLastId(String dbg) {
        return engine.updates().lastId();
    }

    @Override
    public void updatesInjectBarrier(String dbg, String vmId, int barrierId) {
        engine.updates().injectBarrier(barrierId, id -> vmId.equals(id.vmId()));
    }

    @Override
    public void updatesRemoveBarrier(String dbg, int barrierId) {
        engine.updates().removeBarrier(barrierId);
    }

    @Override
    public void updatesRefreshVm(String dbg, String vmId) {
        engine.signalVm(vmId);
        store.vbds(vmId).forEach(v -> engine.signalDevice(DynamicId.Kind.VBD, v.id()));
        store.vifs(vmId).forEach(v -> engine.signalDevice(DynamicId.Kind.VIF, v.id()));
        store.pcis(vmId).forEach(v -> engine.signalDevice(DynamicId.Kind.PCI, v.id()));
        store.vgpus(vmId).forEach(v -> engine.signalDevice(DynamicId.Kind.VGPU, v.id()));
        store.vusbs(vmId).forEach(v -> engine.signalDevice(DynamicId.Kind.VUSB, v.id()));
    }

    // DEBUG

    @Override
    public void debugTrigger(String dbg, String cmd, List<String> args) {
        switch (cmd) {
            case "set-cancel-trigger" -> {
                need(cmd, args, 2);
                engine.tasks().setCancelTrigger(args.get(0), Integer.parseInt(args.get(1)));
            }
            case "set-pause-trigger" -> {
                need(cmd, args, 2);
                engine.tasks().setPauseTrigger(args.get(0), Integer.parseInt(args.get(1)));
            }
            case "clear-triggers" -> engine.tasks().clearTriggers();
            case "release-task" -> {
                need(cmd, args, 1);
                engine.tasks().get(args.get(0)).release();
            }
            default -> b.debug().trigger(cmd, args);
        }
    }

    private static void need(String cmd, List<String> args, int n) {
        if (args.size() != n) {
            throw XenopsException.of(XenopsErrorCode.INTERNAL_ERROR, cmd + " takes " + n + " arguments");
        }
    }
}
