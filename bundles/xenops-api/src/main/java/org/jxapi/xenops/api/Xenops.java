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

    @XenopsCall(value = "query", params = {"unit"})
    Query query(String dbg);

    /** A JSON document describing queues, workers, tasks and updates, for humans. */
    @XenopsCall(value = "get_diagnostics", params = {"unit"})
    String getDiagnostics(String dbg);

    // TASK
    @XenopsCall(value = "Task.stat", params = {"id"})
    TaskInfo taskStat(String dbg, String taskId);

    @XenopsCall(value = "Task.cancel", params = {"id"})
    void taskCancel(String dbg, String taskId);

    @XenopsCall(value = "Task.destroy", params = {"id"})
    void taskDestroy(String dbg, String taskId);

    @XenopsCall("Task.list")
    List<TaskInfo> taskList(String dbg);

    @XenopsCall(value = "Task.destroy_on_finish", params = {"id"})
    void taskDestroyOnFinish(String dbg, String taskId);

    // HOST
    @XenopsCall("HOST.stat")
    Host hostStat(String dbg);

    @XenopsCall("HOST.get_console_data")
    String hostGetConsoleData(String dbg);

    @XenopsCall("HOST.get_total_memory_mib")
    long hostGetTotalMemoryMib(String dbg);

    @XenopsCall(value = "HOST.send_debug_keys", params = {"keys"})
    void hostSendDebugKeys(String dbg, String keys);

    @XenopsCall(value = "HOST.set_worker_pool_size", params = {"pool_size"})
    void hostSetWorkerPoolSize(String dbg, int size);

    // VM
    @XenopsCall(value = "VM.add", params = {"vm"})
    String vmAdd(String dbg, Vm vm);

    @XenopsCall(value = "VM.remove", params = {"id"})
    void vmRemove(String dbg, String id);

    @XenopsCall(value = "VM.stat", params = {"id"})
    Stat<Vm, VmState> vmStat(String dbg, String id);

    @XenopsCall(value = "VM.exists", params = {"id"})
    boolean vmExists(String dbg, String id);

    @XenopsCall(value = "VM.list", params = {"unit"})
    List<Stat<Vm, VmState>> vmList(String dbg);

    @XenopsCall(value = "VM.create", params = {"id"})
    String vmCreate(String dbg, String id);

    @XenopsCall(value = "VM.build", params = {"id", "force"})
    String vmBuild(String dbg, String id, boolean force);

    @XenopsCall(value = "VM.create_device_model", params = {"id", "save_state"})
    String vmCreateDeviceModel(String dbg, String id, boolean saveState);

    @XenopsCall(value = "VM.destroy", params = {"id"})
    String vmDestroy(String dbg, String id);

    @XenopsCall(value = "VM.pause", params = {"id"})
    String vmPause(String dbg, String id);

    @XenopsCall(value = "VM.unpause", params = {"id"})
    String vmUnpause(String dbg, String id);

    @XenopsCall(value = "VM.request_rdp", params = {"id", "enabled"})
    String vmRequestRdp(String dbg, String id, boolean enabled);

    @XenopsCall(value = "VM.run_script", params = {"id", "script"})
    String vmRunScript(String dbg, String id, String script);

    @XenopsCall(value = "VM.set_xsdata", params = {"id", "xsdata"})
    String vmSetXsdata(String dbg, String id, Map<String, String> xsdata);

    @XenopsCall(value = "VM.set_vcpus", params = {"id", "vcpus"})
    String vmSetVcpus(String dbg, String id, int vcpus);

    @XenopsCall(value = "VM.set_shadow_multiplier", params = {"id", "multiplier"})
    String vmSetShadowMultiplier(String dbg, String id, double multiplier);

    @XenopsCall(value = "VM.set_memory_dynamic_range", params = {"id", "minimum", "maximum"})
    String vmSetMemoryDynamicRange(String dbg, String id, long min, long max);

    @XenopsCall(value = "VM.delay", params = {"id", "delay"})
    String vmDelay(String dbg, String id, double seconds);

    /** Starts a halted VM; the task leaves it paused. {@code force} is the original's flag. */
    @XenopsCall(value = "VM.start", params = {"id", "paused"})
    String vmStart(String dbg, String id, boolean force);

    /** Shuts a VM down: cleanly within {@code timeout} seconds, or at once (hard) when it is null. */
    @XenopsCall(value = "VM.shutdown", params = {"id", "delay"}, options = {"delay"})
    String vmShutdown(String dbg, String id, Double timeout);

    @XenopsCall(value = "VM.reboot", params = {"id", "delay"}, options = {"delay"})
    String vmReboot(String dbg, String id, Double timeout);

    @XenopsCall(value = "VM.suspend", params = {"id", "suspend_vdi"})
    String vmSuspend(String dbg, String id, Disk disk);

    @XenopsCall(value = "VM.resume", params = {"id", "suspend_vdi"})
    String vmResume(String dbg, String id, Disk disk);

    @XenopsCall(value = "VM.fast_resume", params = {"id"})
    String vmFastResume(String dbg, String id);

    @XenopsCall(value = "VM.s3suspend", params = {"id"})
    String vmS3Suspend(String dbg, String id);

    @XenopsCall(value = "VM.s3resume", params = {"id"})
    String vmS3Resume(String dbg, String id);

    /**
     * Migrates a VM to the xenops instance at {@code url} ({@code unix:<socket path>}, or an in-process
     * {@code xenops:<queue name>}).
     */
    @XenopsCall(value = "VM.migrate", params = {"id", "vdi_map", "vif_map", "pci_map", "xenops_url", "compress", "verify_dest", "localhost_migration"}, pairs = {"vdi_map", "vif_map", "pci_map"})
    String vmMigrate(String dbg, String id, Map<String, String> vdiMap, Map<String, Network> vifMap,
            Map<String, PciAddress> pciMap, String url, boolean compress, boolean verifyDest,
            boolean localhostMigration);

    @XenopsCall(value = "VM.generate_state_string", params = {"vm"})
    String vmGenerateStateString(String dbg, Vm vm);

    /** The VM and its devices as a JSON document. */
    @XenopsCall(value = "VM.export_metadata", params = {"id"})
    String vmExportMetadata(String dbg, String id);

    @XenopsCall(value = "VM.import_metadata", params = {"metadata"})
    String vmImportMetadata(String dbg, String metadata);

    @XenopsCall(value = "VM.import_metadata_async", params = {"metadata"})
    String vmImportMetadataAsync(String dbg, String metadata);

    // PCI
    @XenopsCall(value = "PCI.add", params = {"pci"})
    DeviceId pciAdd(String dbg, Pci pci);

    @XenopsCall(value = "PCI.remove", params = {"id"})
    void pciRemove(String dbg, DeviceId id);

    @XenopsCall(value = "PCI.stat", params = {"id"})
    Stat<Pci, PciState> pciStat(String dbg, DeviceId id);

    @XenopsCall(value = "PCI.list", params = {"id"})
    List<Stat<Pci, PciState>> pciList(String dbg, String vm);

    @XenopsCall(value = "PCI.dequarantine", params = {"pci_addr"})
    void pciDequarantine(String dbg, PciAddress address);

    // VBD
    @XenopsCall(value = "VBD.add", params = {"vbd"})
    DeviceId vbdAdd(String dbg, Vbd vbd);

    @XenopsCall(value = "VBD.plug", params = {"id"})
    String vbdPlug(String dbg, DeviceId id);

    @XenopsCall(value = "VBD.unplug", params = {"id", "force"})
    String vbdUnplug(String dbg, DeviceId id, boolean force);

    @XenopsCall(value = "VBD.eject", params = {"id"})
    String vbdEject(String dbg, DeviceId id);

    @XenopsCall(value = "VBD.insert", params = {"id", "disk"})
    String vbdInsert(String dbg, DeviceId id, Disk disk);

    @XenopsCall(value = "VBD.stat", params = {"id"})
    Stat<Vbd, VbdState> vbdStat(String dbg, DeviceId id);

    @XenopsCall(value = "VBD.list", params = {"id"})
    List<Stat<Vbd, VbdState>> vbdList(String dbg, String vm);

    @XenopsCall(value = "VBD.remove", params = {"id"})
    void vbdRemove(String dbg, DeviceId id);

    // VUSB
    @XenopsCall(value = "VUSB.add", params = {"vusb"})
    DeviceId vusbAdd(String dbg, Vusb vusb);

    @XenopsCall(value = "VUSB.plug", params = {"id"})
    String vusbPlug(String dbg, DeviceId id);

    @XenopsCall(value = "VUSB.unplug", params = {"id"})
    String vusbUnplug(String dbg, DeviceId id);

    @XenopsCall(value = "VUSB.stat", params = {"id"})
    Stat<Vusb, VusbState> vusbStat(String dbg, DeviceId id);

    @XenopsCall(value = "VUSB.list", params = {"id"})
    List<Stat<Vusb, VusbState>> vusbList(String dbg, String vm);

    @XenopsCall(value = "VUSB.remove", params = {"id"})
    void vusbRemove(String dbg, DeviceId id);

    // VIF
    @XenopsCall(value = "VIF.add", params = {"vif"})
    DeviceId vifAdd(String dbg, Vif vif);

    @XenopsCall(value = "VIF.plug", params = {"id"})
    String vifPlug(String dbg, DeviceId id);

    @XenopsCall(value = "VIF.unplug", params = {"id", "force"})
    String vifUnplug(String dbg, DeviceId id, boolean force);

    @XenopsCall(value = "VIF.move", params = {"id", "network"})
    String vifMove(String dbg, DeviceId id, Network network);

    @XenopsCall(value = "VIF.stat", params = {"id"})
    Stat<Vif, VifState> vifStat(String dbg, DeviceId id);

    @XenopsCall(value = "VIF.list", params = {"id"})
    List<Stat<Vif, VifState>> vifList(String dbg, String vm);

    @XenopsCall(value = "VIF.remove", params = {"id"})
    void vifRemove(String dbg, DeviceId id);

    @XenopsCall(value = "VIF.set_carrier", params = {"id", "carrier"})
    String vifSetCarrier(String dbg, DeviceId id, boolean carrier);

    @XenopsCall(value = "VIF.set_locking_mode", params = {"id", "locking_mode"})
    String vifSetLockingMode(String dbg, DeviceId id, LockingMode mode);

    @XenopsCall(value = "VIF.set_ipv4_configuration", params = {"id", "ipv4_configuration"})
    String vifSetIpv4Configuration(String dbg, DeviceId id, IpConfiguration configuration);

    @XenopsCall(value = "VIF.set_ipv6_configuration", params = {"id", "ipv6_configuration"})
    String vifSetIpv6Configuration(String dbg, DeviceId id, IpConfiguration configuration);

    @XenopsCall(value = "VIF.set_pvs_proxy", params = {"id", "proxy"}, options = {"proxy"})
    String vifSetPvsProxy(String dbg, DeviceId id, PvsProxy proxy);

    @XenopsCall(value = "VIF.set_trunks", params = {"id", "trunks"})
    String vifSetTrunks(String dbg, DeviceId id, List<Long> trunks);

    // VGPU
    @XenopsCall(value = "VGPU.add", params = {"vgpu"})
    DeviceId vgpuAdd(String dbg, Vgpu vgpu);

    @XenopsCall(value = "VGPU.stat", params = {"id"})
    Stat<Vgpu, VgpuState> vgpuStat(String dbg, DeviceId id);

    @XenopsCall(value = "VGPU.list", params = {"id"})
    List<Stat<Vgpu, VgpuState>> vgpuList(String dbg, String vm);

    @XenopsCall(value = "VGPU.remove", params = {"id"})
    void vgpuRemove(String dbg, DeviceId id);

    // UPDATES
    /**
     * Blocks until something changed after {@code lastId} (null: since the beginning) or until
     * {@code timeoutSeconds} pass (null: no limit), then returns what changed.
     */
    @XenopsCall(value = "UPDATES.get", params = {"last_id", "timeout"}, options = {"last_id", "timeout"})
    Updates updatesGet(String dbg, Integer lastId, Integer timeoutSeconds);

    @XenopsCall("UPDATES.last_id")
    int updatesLastId(String dbg);

    @XenopsCall(value = "UPDATES.inject_barrier", params = {"vm_id", "id"})
    void updatesInjectBarrier(String dbg, String vmId, int barrierId);

    @XenopsCall(value = "UPDATES.remove_barrier", params = {"id"})
    void updatesRemoveBarrier(String dbg, int barrierId);

    /** Marks the VM and all its devices changed, so that watchers re-read them. */
    @XenopsCall(value = "UPDATES.refresh_vm", params = {"id"})
    void updatesRefreshVm(String dbg, String vmId);

    // DEBUG
    /** Test hooks: the engine's own ({@code set-cancel-trigger dbg n}, ...) or the backend's. */
    @XenopsCall(value = "DEBUG.trigger", params = {"cmd", "args"})
    void debugTrigger(String dbg, String cmd, List<String> args);
}
