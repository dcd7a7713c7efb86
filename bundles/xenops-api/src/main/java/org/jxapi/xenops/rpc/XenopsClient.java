package org.jxapi.xenops.rpc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Query;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;

/**
 * A {@link Xenops} that calls an instance over its Unix socket: JSON-RPC 2.0, {@code POST /},
 * positional parameters with the debug string first, the original's method names. Safe for
 * concurrent use; connections are reused.
 */
public final class XenopsClient implements Xenops, AutoCloseable {
    private final UnixHttp http;
    private final String queue;
    private final AtomicLong ids = new AtomicLong();

    /** A client of the instance listening on {@code socket}; {@code queue} is only reported back. */
    public XenopsClient(Path socket, String queue) {
        this.http = new UnixHttp(socket);
        this.queue = queue;
    }

    /** Calls {@code method} with positional {@code params} (plain JSON values); returns the plain result. */
    public Object call(String method, Object... params) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("jsonrpc", "2.0");
        req.put("method", method);
        List<Object> ps = new ArrayList<>(params.length);
        for (Object p : params) {
            ps.add(p);
        }
        req.put("params", ps);
        req.put("id", ids.incrementAndGet());
        Object resp = JsonText.parse(http.post("/", JsonText.write(req)));
        Map<String, Object> m = Plain.obj(resp, "response");
        Object error = m.get("error");
        if (error != null) {
            throw new XenopsException(errorOf(error));
        }
        return m.get("result");
    }

    private static XenopsError errorOf(Object error) {
        if (error instanceof Map<?, ?> e) {
            Object data = e.get("data");
            if (data != null) {
                return Wire.decodeError(data);
            }
            return XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, String.valueOf(e.get("message")));
        }
        return Wire.decodeError(error);
    }

    private static <C, S> Stat<C, S> stat(Object v, Function<Object, C> c, Function<Object, S> s) {
        List<Object> p = Plain.arr(v, "stat");
        return new Stat<>(c.apply(p.get(0)), s.apply(p.get(1)));
    }

    private static <C, S> List<Stat<C, S>> stats(Object v, Function<Object, C> c, Function<Object, S> s) {
        return Plain.list(v, "stat list", x -> stat(x, c, s));
    }

    private String task(String method, Object... params) {
        return Plain.str(call(method, params), method + " result");
    }

    @Override
    public String queueName() {
        return queue;
    }

    @Override
    public Query query(String dbg) {
        return Wire.decodeQuery(call("query", dbg, null));
    }

    @Override
    public String getDiagnostics(String dbg) {
        return Plain.str(call("get_diagnostics", dbg, null), "diagnostics");
    }

    @Override
    public TaskInfo taskStat(String dbg, String taskId) {
        return Wire.decodeTaskInfo(call("Task.stat", dbg, taskId));
    }

    @Override
    public void taskCancel(String dbg, String taskId) {
        call("Task.cancel", dbg, taskId);
    }

    @Override
    public void taskDestroy(String dbg, String taskId) {
        call("Task.destroy", dbg, taskId);
    }

    @Override
    public List<TaskInfo> taskList(String dbg) {
        return Plain.list(call("Task.list", dbg), "tasks", Wire::decodeTaskInfo);
    }

    @Override
    public void taskDestroyOnFinish(String dbg, String taskId) {
        call("Task.destroy_on_finish", dbg, taskId);
    }

    @Override
    public Host hostStat(String dbg) {
        return Wire.decodeHost(call("HOST.stat", dbg));
    }

    @Override
    public String hostGetConsoleData(String dbg) {
        return Plain.str(call("HOST.get_console_data", dbg), "console data");
    }

    @Override
    public long hostGetTotalMemoryMib(String dbg) {
        return Plain.lng(call("HOST.get_total_memory_mib", dbg), "memory");
    }

    @Override
    public void hostSendDebugKeys(String dbg, String keys) {
        call("HOST.send_debug_keys", dbg, keys);
    }

    @Override
    public void hostSetWorkerPoolSize(String dbg, int size) {
        call("HOST.set_worker_pool_size", dbg, size);
    }

    @Override
    public String vmAdd(String dbg, Vm vm) {
        return Plain.str(call("VM.add", dbg, Wire.encode(vm)), "VM id");
    }

    @Override
    public void vmRemove(String dbg, String id) {
        call("VM.remove", dbg, id);
    }

    @Override
    public Stat<Vm, VmState> vmStat(String dbg, String id) {
        return stat(call("VM.stat", dbg, id), Wire::decodeVm, Wire::decodeVmState);
    }

    @Override
    public boolean vmExists(String dbg, String id) {
        return Plain.bool(call("VM.exists", dbg, id), "exists");
    }

    @Override
    public List<Stat<Vm, VmState>> vmList(String dbg) {
        return stats(call("VM.list", dbg, null), Wire::decodeVm, Wire::decodeVmState);
    }

    @Override
    public String vmCreate(String dbg, String id) {
        return task("VM.create", dbg, id);
    }

    @Override
    public String vmBuild(String dbg, String id, boolean force) {
        return task("VM.build", dbg, id, force);
    }

    @Override
    public String vmCreateDeviceModel(String dbg, String id, boolean saveState) {
        return task("VM.create_device_model", dbg, id, saveState);
    }

    @Override
    public String vmDestroy(String dbg, String id) {
        return task("VM.destroy", dbg, id);
    }

    @Override
    public String vmPause(String dbg, String id) {
        return task("VM.pause", dbg, id);
    }

    @Override
    public String vmUnpause(String dbg, String id) {
        return task("VM.unpause", dbg, id);
    }

    @Override
    public String vmRequestRdp(String dbg, String id, boolean enabled) {
        return task("VM.request_rdp", dbg, id, enabled);
    }

    @Override
    public String vmRunScript(String dbg, String id, String script) {
        return task("VM.run_script", dbg, id, script);
    }

    @Override
    public String vmSetXsdata(String dbg, String id, Map<String, String> xsdata) {
        return task("VM.set_xsdata", dbg, id, new LinkedHashMap<String, Object>(xsdata));
    }

    @Override
    public String vmSetVcpus(String dbg, String id, int vcpus) {
        return task("VM.set_vcpus", dbg, id, vcpus);
    }

    @Override
    public String vmSetShadowMultiplier(String dbg, String id, double multiplier) {
        return task("VM.set_shadow_multiplier", dbg, id, multiplier);
    }

    @Override
    public String vmSetMemoryDynamicRange(String dbg, String id, long min, long max) {
        return task("VM.set_memory_dynamic_range", dbg, id, min, max);
    }

    @Override
    public String vmDelay(String dbg, String id, double seconds) {
        return task("VM.delay", dbg, id, seconds);
    }

    @Override
    public String vmStart(String dbg, String id, boolean force) {
        return task("VM.start", dbg, id, force);
    }

    @Override
    public String vmShutdown(String dbg, String id, Double timeout) {
        return task("VM.shutdown", dbg, id, timeout);
    }

    @Override
    public String vmReboot(String dbg, String id, Double timeout) {
        return task("VM.reboot", dbg, id, timeout);
    }

    @Override
    public String vmSuspend(String dbg, String id, Disk disk) {
        return task("VM.suspend", dbg, id, Wire.encode(disk));
    }

    @Override
    public String vmResume(String dbg, String id, Disk disk) {
        return task("VM.resume", dbg, id, Wire.encode(disk));
    }

    @Override
    public String vmFastResume(String dbg, String id) {
        return task("VM.fast_resume", dbg, id);
    }

    @Override
    public String vmS3Suspend(String dbg, String id) {
        return task("VM.s3suspend", dbg, id);
    }

    @Override
    public String vmS3Resume(String dbg, String id) {
        return task("VM.s3resume", dbg, id);
    }

    @Override
    public String vmMigrate(String dbg, String id, Map<String, String> vdiMap, Map<String, Network> vifMap,
            Map<String, PciAddress> pciMap, String url, boolean compress, boolean verifyDest,
            boolean localhostMigration) {
        List<Object> vdis = new ArrayList<>();
        vdiMap.forEach((k, v) -> vdis.add(Plain.list(k, v)));
        List<Object> vifs = new ArrayList<>();
        vifMap.forEach((k, v) -> vifs.add(Plain.list(k, DeviceWire.encode(v))));
        List<Object> pcis = new ArrayList<>();
        pciMap.forEach((k, v) -> pcis.add(Plain.list(k, DeviceWire.encode(v))));
        return task("VM.migrate", dbg, id, vdis, vifs, pcis, url, compress, verifyDest, localhostMigration);
    }

    @Override
    public String vmGenerateStateString(String dbg, Vm vm) {
        return Plain.str(call("VM.generate_state_string", dbg, Wire.encode(vm)), "state string");
    }

    @Override
    public String vmExportMetadata(String dbg, String id) {
        return Plain.str(call("VM.export_metadata", dbg, id), "metadata");
    }

    @Override
    public String vmImportMetadata(String dbg, String metadata) {
        return Plain.str(call("VM.import_metadata", dbg, metadata), "VM id");
    }

    @Override
    public String vmImportMetadataAsync(String dbg, String metadata) {
        return task("VM.import_metadata_async", dbg, metadata);
    }

    @Override
    public DeviceId pciAdd(String dbg, Pci pci) {
        return DeviceWire.decodeDeviceId(call("PCI.add", dbg, DeviceWire.encode(pci)));
    }

    @Override
    public void pciRemove(String dbg, DeviceId id) {
        call("PCI.remove", dbg, DeviceWire.encode(id));
    }

    @Override
    public Stat<Pci, PciState> pciStat(String dbg, DeviceId id) {
        return stat(call("PCI.stat", dbg, DeviceWire.encode(id)), DeviceWire::decodePci, DeviceWire::decodePciState);
    }

    @Override
    public List<Stat<Pci, PciState>> pciList(String dbg, String vm) {
        return stats(call("PCI.list", dbg, vm), DeviceWire::decodePci, DeviceWire::decodePciState);
    }

    @Override
    public void pciDequarantine(String dbg, PciAddress address) {
        call("PCI.dequarantine", dbg, DeviceWire.encode(address));
    }

    @Override
    public DeviceId vbdAdd(String dbg, Vbd vbd) {
        return DeviceWire.decodeDeviceId(call("VBD.add", dbg, DeviceWire.encode(vbd)));
    }

    @Override
    public String vbdPlug(String dbg, DeviceId id) {
        return task("VBD.plug", dbg, DeviceWire.encode(id));
    }

    @Override
    public String vbdUnplug(String dbg, DeviceId id, boolean force) {
        return task("VBD.unplug", dbg, DeviceWire.encode(id), force);
    }

    @Override
    public String vbdEject(String dbg, DeviceId id) {
        return task("VBD.eject", dbg, DeviceWire.encode(id));
    }

    @Override
    public String vbdInsert(String dbg, DeviceId id, Disk disk) {
        return task("VBD.insert", dbg, DeviceWire.encode(id), Wire.encode(disk));
    }

    @Override
    public Stat<Vbd, VbdState> vbdStat(String dbg, DeviceId id) {
        return stat(call("VBD.stat", dbg, DeviceWire.encode(id)), DeviceWire::decodeVbd, DeviceWire::decodeVbdState);
    }

    @Override
    public List<Stat<Vbd, VbdState>> vbdList(String dbg, String vm) {
        return stats(call("VBD.list", dbg, vm), DeviceWire::decodeVbd, DeviceWire::decodeVbdState);
    }

    @Override
    public void vbdRemove(String dbg, DeviceId id) {
        call("VBD.remove", dbg, DeviceWire.encode(id));
    }

    @Override
    public DeviceId vusbAdd(String dbg, Vusb vusb) {
        return DeviceWire.decodeDeviceId(call("VUSB.add", dbg, DeviceWire.encode(vusb)));
    }

    @Override
    public String vusbPlug(String dbg, DeviceId id) {
        return task("VUSB.plug", dbg, DeviceWire.encode(id));
    }

    @Override
    public String vusbUnplug(String dbg, DeviceId id) {
        return task("VUSB.unplug", dbg, DeviceWire.encode(id));
    }

    @Override
    public Stat<Vusb, VusbState> vusbStat(String dbg, DeviceId id) {
        return stat(call("VUSB.stat", dbg, DeviceWire.encode(id)), DeviceWire::decodeVusb,
                DeviceWire::decodeVusbState);
    }

    @Override
    public List<Stat<Vusb, VusbState>> vusbList(String dbg, String vm) {
        return stats(call("VUSB.list", dbg, vm), DeviceWire::decodeVusb, DeviceWire::decodeVusbState);
    }

    @Override
    public void vusbRemove(String dbg, DeviceId id) {
        call("VUSB.remove", dbg, DeviceWire.encode(id));
    }

    @Override
    public DeviceId vifAdd(String dbg, Vif vif) {
        return DeviceWire.decodeDeviceId(call("VIF.add", dbg, DeviceWire.encode(vif)));
    }

    @Override
    public String vifPlug(String dbg, DeviceId id) {
        return task("VIF.plug", dbg, DeviceWire.encode(id));
    }

    @Override
    public String vifUnplug(String dbg, DeviceId id, boolean force) {
        return task("VIF.unplug", dbg, DeviceWire.encode(id), force);
    }

    @Override
    public String vifMove(String dbg, DeviceId id, Network network) {
        return task("VIF.move", dbg, DeviceWire.encode(id), DeviceWire.encode(network));
    }

    @Override
    public Stat<Vif, VifState> vifStat(String dbg, DeviceId id) {
        return stat(call("VIF.stat", dbg, DeviceWire.encode(id)), DeviceWire::decodeVif, DeviceWire::decodeVifState);
    }

    @Override
    public List<Stat<Vif, VifState>> vifList(String dbg, String vm) {
        return stats(call("VIF.list", dbg, vm), DeviceWire::decodeVif, DeviceWire::decodeVifState);
    }

    @Override
    public void vifRemove(String dbg, DeviceId id) {
        call("VIF.remove", dbg, DeviceWire.encode(id));
    }

    @Override
    public String vifSetCarrier(String dbg, DeviceId id, boolean carrier) {
        return task("VIF.set_carrier", dbg, DeviceWire.encode(id), carrier);
    }

    @Override
    public String vifSetLockingMode(String dbg, DeviceId id, LockingMode mode) {
        return task("VIF.set_locking_mode", dbg, DeviceWire.encode(id), DeviceWire.encode(mode));
    }

    @Override
    public String vifSetIpv4Configuration(String dbg, DeviceId id, IpConfiguration configuration) {
        return task("VIF.set_ipv4_configuration", dbg, DeviceWire.encode(id), DeviceWire.encode(configuration, false));
    }

    @Override
    public String vifSetIpv6Configuration(String dbg, DeviceId id, IpConfiguration configuration) {
        return task("VIF.set_ipv6_configuration", dbg, DeviceWire.encode(id), DeviceWire.encode(configuration, true));
    }

    @Override
    public String vifSetPvsProxy(String dbg, DeviceId id, PvsProxy proxy) {
        return task("VIF.set_pvs_proxy", dbg, DeviceWire.encode(id), proxy == null ? null : DeviceWire.encode(proxy));
    }

    @Override
    public String vifSetTrunks(String dbg, DeviceId id, List<Long> trunks) {
        return task("VIF.set_trunks", dbg, DeviceWire.encode(id), new ArrayList<Object>(trunks));
    }

    @Override
    public DeviceId vgpuAdd(String dbg, Vgpu vgpu) {
        return DeviceWire.decodeDeviceId(call("VGPU.add", dbg, DeviceWire.encode(vgpu)));
    }

    @Override
    public Stat<Vgpu, VgpuState> vgpuStat(String dbg, DeviceId id) {
        return stat(call("VGPU.stat", dbg, DeviceWire.encode(id)), DeviceWire::decodeVgpu,
                DeviceWire::decodeVgpuState);
    }

    @Override
    public List<Stat<Vgpu, VgpuState>> vgpuList(String dbg, String vm) {
        return stats(call("VGPU.list", dbg, vm), DeviceWire::decodeVgpu, DeviceWire::decodeVgpuState);
    }

    @Override
    public void vgpuRemove(String dbg, DeviceId id) {
        call("VGPU.remove", dbg, DeviceWire.encode(id));
    }

    @Override
    public Updates updatesGet(String dbg, Integer lastId, Integer timeoutSeconds) {
        return Wire.decodeUpdates(call("UPDATES.get", dbg, lastId, timeoutSeconds));
    }

    @Override
    public int updatesLastId(String dbg) {
        return Plain.intg(call("UPDATES.last_id", dbg), "last id");
    }

    @Override
    public void updatesInjectBarrier(String dbg, String vmId, int barrierId) {
        call("UPDATES.inject_barrier", dbg, vmId, barrierId);
    }

    @Override
    public void updatesRemoveBarrier(String dbg, int barrierId) {
        call("UPDATES.remove_barrier", dbg, barrierId);
    }

    @Override
    public void updatesRefreshVm(String dbg, String vmId) {
        call("UPDATES.refresh_vm", dbg, vmId);
    }

    @Override
    public void debugTrigger(String dbg, String cmd, List<String> args) {
        call("DEBUG.trigger", dbg, cmd, new ArrayList<Object>(args));
    }

    @Override
    public void close() {
        http.close();
    }
}
