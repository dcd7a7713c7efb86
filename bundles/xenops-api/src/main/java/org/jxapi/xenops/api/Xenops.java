package org.jxapi.xenops.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One xenops instance: the calls of the original xenops interface, in the same order and with the
 * debug string first. Each instance is registered as an OSGi service with the property
 * {@code xenops.queue=<queue name>} and serves the same calls as JSON-RPC on its Unix socket.
 *
 * <p>Calls that may block return a task id at once; watch {@link #updatesGet} for the task's id
 * and read it with {@link #taskStat}; the caller destroys the task. Failures are
 * {@link XenopsException}s.
 */
@ProviderType
public interface Xenops {
    /** The queue name this instance serves, e.g. {@code org.xen.xapi.xenops.simulator}. */
    String queueName();

    Query query(String dbg);

    /** A JSON document describing queues, workers, tasks and updates, for humans. */
    String getDiagnostics(String dbg);

    // TASK
    TaskInfo taskStat(String dbg, String taskId);

    void taskCancel(String dbg, String taskId);

    void taskDestroy(String dbg, String taskId);

    List<TaskInfo> taskList(String dbg);

    void taskDestroyOnFinish(String dbg, String taskId);

    // HOST
    Host hostStat(String dbg);

    String hostGetConsoleData(String dbg);

    long hostGetTotalMemoryMib(String dbg);

    void hostSendDebugKeys(String dbg, String keys);

    void hostSetWorkerPoolSize(String dbg, int size);

    // VM
    String vmAdd(String dbg, Vm vm);

    void vmRemove(String dbg, String id);

    Stat<Vm, VmState> vmStat(String dbg, String id);

    boolean vmExists(String dbg, String id);

    List<Stat<Vm, VmState>> vmList(String dbg);

    String vmCreate(String dbg, String id);

    String vmBuild(String dbg, String id, boolean force);

    String vmCreateDeviceModel(String dbg, String id, boolean saveState);

    String vmDestroy(String dbg, String id);

    String vmPause(String dbg, String id);

    String vmUnpause(String dbg, String id);

    String vmRequestRdp(String dbg, String id, boolean enabled);

    String vmRunScript(String dbg, String id, String script);

    String vmSetXsdata(String dbg, String id, Map<String, String> xsdata);

    String vmSetVcpus(String dbg, String id, int vcpus);

    String vmSetShadowMultiplier(String dbg, String id, double multiplier);

    String vmSetMemoryDynamicRange(String dbg, String id, long min, long max);

    String vmDelay(String dbg, String id, double seconds);

    /** Starts a halted VM; the task leaves it paused. {@code force} is the original's flag. */
    String vmStart(String dbg, String id, boolean force);

    /** Shuts a VM down: cleanly within {@code timeout} seconds, or at once (hard) when it is null. */
    String vmShutdown(String dbg, String id, Double timeout);

    String vmReboot(String dbg, String id, Double timeout);

    String vmSuspend(String dbg, String id, Disk disk);

    String vmResume(String dbg, String id, Disk disk);

    String vmFastResume(String dbg, String id);

    String vmS3Suspend(String dbg, String id);

    String vmS3Resume(String dbg, String id);

    /**
     * Migrates a VM to the xenops instance at {@code url} ({@code unix:<socket path>}, or an in-process
     * {@code xenops:<queue name>}).
     */
    String vmMigrate(String dbg, String id, Map<String, String> vdiMap, Map<String, Network> vifMap,
            Map<String, PciAddress> pciMap, String url, boolean compress, boolean verifyDest,
            boolean localhostMigration);

    String vmGenerateStateString(String dbg, Vm vm);

    /** The VM and its devices as a JSON document. */
    String vmExportMetadata(String dbg, String id);

    String vmImportMetadata(String dbg, String metadata);

    String vmImportMetadataAsync(String dbg, String metadata);

    // PCI
    DeviceId pciAdd(String dbg, Pci pci);

    void pciRemove(String dbg, DeviceId id);

    Stat<Pci, PciState> pciStat(String dbg, DeviceId id);

    List<Stat<Pci, PciState>> pciList(String dbg, String vm);

    void pciDequarantine(String dbg, PciAddress address);

    // VBD
    DeviceId vbdAdd(String dbg, Vbd vbd);

    String vbdPlug(String dbg, DeviceId id);

    String vbdUnplug(String dbg, DeviceId id, boolean force);

    String vbdEject(String dbg, DeviceId id);

    String vbdInsert(String dbg, DeviceId id, Disk disk);

    Stat<Vbd, VbdState> vbdStat(String dbg, DeviceId id);

    List<Stat<Vbd, VbdState>> vbdList(String dbg, String vm);

    void vbdRemove(String dbg, DeviceId id);

    // VUSB
    DeviceId vusbAdd(String dbg, Vusb vusb);

    String vusbPlug(String dbg, DeviceId id);

    String vusbUnplug(String dbg, DeviceId id);

    Stat<Vusb, VusbState> vusbStat(String dbg, DeviceId id);

    List<Stat<Vusb, VusbState>> vusbList(String dbg, String vm);

    void vusbRemove(String dbg, DeviceId id);

    // VIF
    DeviceId vifAdd(String dbg, Vif vif);

    String vifPlug(String dbg, DeviceId id);

    String vifUnplug(String dbg, DeviceId id, boolean force);

    String vifMove(String dbg, DeviceId id, Network network);

    Stat<Vif, VifState> vifStat(String dbg, DeviceId id);

    List<Stat<Vif, VifState>> vifList(String dbg, String vm);

    void vifRemove(String dbg, DeviceId id);

    String vifSetCarrier(String dbg, DeviceId id, boolean carrier);

    String vifSetLockingMode(String dbg, DeviceId id, LockingMode mode);

    String vifSetIpv4Configuration(String dbg, DeviceId id, IpConfiguration configuration);

    String vifSetIpv6Configuration(String dbg, DeviceId id, IpConfiguration configuration);

    String vifSetPvsProxy(String dbg, DeviceId id, PvsProxy proxy);

    String vifSetTrunks(String dbg, DeviceId id, List<Long> trunks);

    // VGPU
    DeviceId vgpuAdd(String dbg, Vgpu vgpu);

    Stat<Vgpu, VgpuState> vgpuStat(String dbg, DeviceId id);

    List<Stat<Vgpu, VgpuState>> vgpuList(String dbg, String vm);

    void vgpuRemove(String dbg, DeviceId id);

    // UPDATES
    /**
     * Blocks until something changed after {@code lastId} (null: since the beginning) or until
     * {@code timeoutSeconds} pass (null: no limit), then returns what changed.
     */
    Updates updatesGet(String dbg, Integer lastId, Integer timeoutSeconds);

    int updatesLastId(String dbg);

    void updatesInjectBarrier(String dbg, String vmId, int barrierId);

    void updatesRemoveBarrier(String dbg, int barrierId);

    /** Marks the VM and all its devices changed, so that watchers re-read them. */
    void updatesRefreshVm(String dbg, String vmId);

    // DEBUG
    /** Test hooks: the engine's own ({@code set-cancel-trigger dbg n}, ...) or the backend's. */
    void debugTrigger(String dbg, String cmd, List<String> args);
}
