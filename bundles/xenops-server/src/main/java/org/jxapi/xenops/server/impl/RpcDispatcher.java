package org.jxapi.xenops.server.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.rpc.DeviceWire;
import org.jxapi.xenops.rpc.JsonText;
import org.jxapi.xenops.rpc.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xenops JSON-RPC interface over a {@link Xenops}: the original's method names and parameter
 * order (debug string first). Parameters come as a positional array, or, as the original's clients
 * send them, as one object keyed by the original's parameter names. JSON-RPC 1.0 errors carry the
 * xenops error itself; 2.0 errors carry it as {@code data}.
 */
final class RpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

    @FunctionalInterface
    private interface Handler {
        Object call(Args a);
    }

    private record Method(List<String> names, Handler handler) {
    }

    /** Positional arguments with typed readers; options accept null, [], [x] or a bare x. */
    private static final class Args {
        private final List<Object> values;

        Args(List<Object> values) {
            this.values = values;
        }

        Object raw(int i) {
            return i < values.size() ? values.get(i) : null;
        }

        String str(int i) {
            Object v = raw(i);
            if (v instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException("parameter " + i + ": expected a string, got " + v);
        }

        boolean bool(int i) {
            Object v = raw(i);
            if (v instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("parameter " + i + ": expected a boolean, got " + v);
        }

        long lng(int i) {
            Object v = raw(i);
            if (v instanceof Number n) {
                return n.longValue();
            }
            throw new IllegalArgumentException("parameter " + i + ": expected an integer, got " + v);
        }

        double dbl(int i) {
            Object v = raw(i);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException("parameter " + i + ": expected a number, got " + v);
        }

        Object opt(int i) {
            return Wire.option(raw(i));
        }

        Integer optInt(int i) {
            Object v = opt(i);
            return v == null ? null : ((Number) v).intValue();
        }

        Double optDouble(int i) {
            Object v = opt(i);
            return v == null ? null : ((Number) v).doubleValue();
        }

        DeviceId dev(int i) {
            return DeviceWire.decodeDeviceId(raw(i));
        }
    }

    private final Xenops x;
    private final Map<String, Method> methods = new HashMap<>();

    RpcDispatcher(Xenops xenops) {
        this.x = xenops;
        register();
    }

    private void on(String name, List<String> params, Handler h) {
        List<String> names = new ArrayList<>();
        names.add("debug_info");
        names.addAll(params);
        Method m = new Method(names, h);
        methods.put(name, m);
        // The original's task calls are "Task.*"; accept the upper-case group spelling too.
        if (name.startsWith("Task.")) {
            methods.put("TASK." + name.substring(5), m);
        }
    }

    private static List<Object> stats(List<? extends Stat<?, ?>> l, java.util.function.Function<Stat<?, ?>, Object> f) {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(s -> out.add(f.apply(s)));
        return out;
    }

    private static Map<String, String> strings(Object v) {
        return Wire.decodeStringMap(v);
    }

    private static Map<String, String> pairsToMap(Object v) {
        Map<String, String> m = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> mm) {
            mm.forEach((k, val) -> m.put((String) k, (String) val));
        } else if (v instanceof List<?> l) {
            for (Object p : l) {
                List<?> pair = (List<?>) p;
                m.put((String) pair.get(0), (String) pair.get(1));
            }
        }
        return m;
    }

    private void register() {
        on("query", List.of("unit"), a -> Wire.encode(x.query(a.str(0))));
        on("get_diagnostics", List.of("unit"), a -> x.getDiagnostics(a.str(0)));

        on("Task.stat", List.of("id"), a -> Wire.encode(x.taskStat(a.str(0), a.str(1))));
        on("Task.cancel", List.of("id"), a -> { x.taskCancel(a.str(0), a.str(1)); return null; });
        on("Task.destroy", List.of("id"), a -> { x.taskDestroy(a.str(0), a.str(1)); return null; });
        on("Task.list", List.of(), a -> {
            List<Object> l = new ArrayList<>();
            x.taskList(a.str(0)).forEach(t -> l.add(Wire.encode(t)));
            return l;
        });
        on("Task.destroy_on_finish", List.of("id"), a -> { x.taskDestroyOnFinish(a.str(0), a.str(1)); return null; });

        on("HOST.stat", List.of(), a -> Wire.encode(x.hostStat(a.str(0))));
        on("HOST.get_console_data", List.of(), a -> x.hostGetConsoleData(a.str(0)));
        on("HOST.get_total_memory_mib", List.of(), a -> x.hostGetTotalMemoryMib(a.str(0)));
        on("HOST.send_debug_keys", List.of("keys"), a -> { x.hostSendDebugKeys(a.str(0), a.str(1)); return null; });
        on("HOST.set_worker_pool_size", List.of("pool_size"),
                a -> { x.hostSetWorkerPoolSize(a.str(0), (int) a.lng(1)); return null; });

        on("VM.add", List.of("vm"), a -> x.vmAdd(a.str(0), Wire.decodeVm(a.raw(1))));
        on("VM.remove", List.of("id"), a -> { x.vmRemove(a.str(0), a.str(1)); return null; });
        on("VM.generate_state_string", List.of("vm"), a -> x.vmGenerateStateString(a.str(0), Wire.decodeVm(a.raw(1))));
        on("VM.migrate", List.of("id", "vdi_map", "vif_map", "pci_map", "xenops_url", "compress", "verify_dest",
                "localhost_migration"), a -> {
                    Map<String, Network> vifs = new LinkedHashMap<>();
                    Map<String, PciAddress> pcis = new LinkedHashMap<>();
                    if (a.raw(3) instanceof List<?> l) {
                        for (Object p : l) {
                            List<?> pair = (List<?>) p;
                            vifs.put((String) pair.get(0), DeviceWire.decodeNetwork(pair.get(1)));
                        }
                    }
                    if (a.raw(4) instanceof List<?> l) {
                        for (Object p : l) {
                            List<?> pair = (List<?>) p;
                            pcis.put((String) pair.get(0), DeviceWire.decodePciAddress(pair.get(1)));
                        }
                    }
                    return x.vmMigrate(a.str(0), a.str(1), pairsToMap(a.raw(2)), vifs, pcis, a.str(5),
                            a.raw(6) instanceof Boolean c && c, a.raw(7) instanceof Boolean v && v,
                            a.raw(8) instanceof Boolean l && l);
                });
        on("VM.create", List.of("id"), a -> x.vmCreate(a.str(0), a.str(1)));
        on("VM.build", List.of("id", "force"), a -> x.vmBuild(a.str(0), a.str(1), a.bool(2)));
        on("VM.create_device_model", List.of("id", "save_state"),
                a -> x.vmCreateDeviceModel(a.str(0), a.str(1), a.bool(2)));
        on("VM.destroy", List.of("id"), a -> x.vmDestroy(a.str(0), a.str(1)));
        on("VM.pause", List.of("id"), a -> x.vmPause(a.str(0), a.str(1)));
        on("VM.unpause", List.of("id"), a -> x.vmUnpause(a.str(0), a.str(1)));
        on("VM.request_rdp", List.of("id", "enabled"), a -> x.vmRequestRdp(a.str(0), a.str(1), a.bool(2)));
        on("VM.run_script", List.of("id", "script"), a -> x.vmRunScript(a.str(0), a.str(1), a.str(2)));
        on("VM.set_xsdata", List.of("id", "xsdata"), a -> x.vmSetXsdata(a.str(0), a.str(1), strings(a.raw(2))));
        on("VM.set_vcpus", List.of("id", "vcpus"), a -> x.vmSetVcpus(a.str(0), a.str(1), (int) a.lng(2)));
        on("VM.set_shadow_multiplier", List.of("id", "multiplier"),
                a -> x.vmSetShadowMultiplier(a.str(0), a.str(1), a.dbl(2)));
        on("VM.set_memory_dynamic_range", List.of("id", "minimum", "maximum"),
                a -> x.vmSetMemoryDynamicRange(a.str(0), a.str(1), a.lng(2), a.lng(3)));
        on("VM.stat", List.of("id"), a -> {
            var s = x.vmStat(a.str(0), a.str(1));
            return Wire.pair(Wire.encode(s.config()), Wire.encode(s.state()));
        });
        on("VM.exists", List.of("id"), a -> x.vmExists(a.str(0), a.str(1)));
        on("VM.list", List.of("unit"), a -> stats(x.vmList(a.str(0)), s -> Wire.pair(
                Wire.encode((org.jxapi.xenops.api.Vm) s.config()),
                Wire.encode((org.jxapi.xenops.api.VmState) s.state()))));
        on("VM.delay", List.of("id", "delay"), a -> x.vmDelay(a.str(0), a.str(1), a.dbl(2)));
        on("VM.start", List.of("id", "paused"), a -> x.vmStart(a.str(0), a.str(1), a.raw(2) instanceof Boolean b && b));
        on("VM.shutdown", List.of("id", "delay"), a -> x.vmShutdown(a.str(0), a.str(1), a.optDouble(2)));
        on("VM.reboot", List.of("id", "delay"), a -> x.vmReboot(a.str(0), a.str(1), a.optDouble(2)));
        on("VM.suspend", List.of("id", "suspend_vdi"), a -> x.vmSuspend(a.str(0), a.str(1), Wire.decodeDisk(a.raw(2))));
        on("VM.resume", List.of("id", "suspend_vdi"), a -> x.vmResume(a.str(0), a.str(1), Wire.decodeDisk(a.raw(2))));
        on("VM.fast_resume", List.of("id"), a -> x.vmFastResume(a.str(0), a.str(1)));
        on("VM.s3suspend", List.of("id"), a -> x.vmS3Suspend(a.str(0), a.str(1)));
        on("VM.s3resume", List.of("id"), a -> x.vmS3Resume(a.str(0), a.str(1)));
        on("VM.export_metadata", List.of("id"), a -> x.vmExportMetadata(a.str(0), a.str(1)));
        on("VM.import_metadata", List.of("metadata"), a -> x.vmImportMetadata(a.str(0), a.str(1)));
        on("VM.import_metadata_async", List.of("metadata"), a -> x.vmImportMetadataAsync(a.str(0), a.str(1)));

        on("PCI.add", List.of("pci"), a -> DeviceWire.encode(x.pciAdd(a.str(0), DeviceWire.decodePci(a.raw(1)))));
        on("PCI.remove", List.of("id"), a -> { x.pciRemove(a.str(0), a.dev(1)); return null; });
        on("PCI.stat", List.of("id"), a -> {
            var s = x.pciStat(a.str(0), a.dev(1));
            return Wire.pair(DeviceWire.encode(s.config()), DeviceWire.encode(s.state()));
        });
        on("PCI.list", List.of("id"), a -> stats(x.pciList(a.str(0), a.str(1)), s -> Wire.pair(
                DeviceWire.encode((org.jxapi.xenops.api.Pci) s.config()),
                DeviceWire.encode((org.jxapi.xenops.api.PciState) s.state()))));
        on("PCI.dequarantine", List.of("pci_addr"),
                a -> { x.pciDequarantine(a.str(0), DeviceWire.decodePciAddress(a.raw(1))); return null; });

        on("VBD.add", List.of("vbd"), a -> DeviceWire.encode(x.vbdAdd(a.str(0), DeviceWire.decodeVbd(a.raw(1)))));
        on("VBD.plug", List.of("id"), a -> x.vbdPlug(a.str(0), a.dev(1)));
        on("VBD.unplug", List.of("id", "force"), a -> x.vbdUnplug(a.str(0), a.dev(1), a.bool(2)));
        on("VBD.eject", List.of("id"), a -> x.vbdEject(a.str(0), a.dev(1)));
        on("VBD.insert", List.of("id", "disk"), a -> x.vbdInsert(a.str(0), a.dev(1), Wire.decodeDisk(a.raw(2))));
        on("VBD.stat", List.of("id"), a -> {
            var s = x.vbdStat(a.str(0), a.dev(1));
            return Wire.pair(DeviceWire.encode(s.config()), DeviceWire.encode(s.state()));
        });
        on("VBD.list", List.of("id"), a -> stats(x.vbdList(a.str(0), a.str(1)), s -> Wire.pair(
                DeviceWire.encode((org.jxapi.xenops.api.Vbd) s.config()),
                DeviceWire.encode((org.jxapi.xenops.api.VbdState) s.state()))));
        on("VBD.remove", List.of("id"), a -> { x.vbdRemove(a.str(0), a.dev(1)); return null; });

        on("VUSB.add", List.of("vusb"), a -> DeviceWire.encode(x.vusbAdd(a.str(0), DeviceWire.decodeVusb(a.raw(1)))));
        on("VUSB.plug", List.of("id"), a -> x.vusbPlug(a.str(0), a.dev(1)));
        on("VUSB.unplug", List.of("id"), a -> x.vusbUnplug(a.str(0), a.dev(1)));
        on("VUSB.stat", List.of("id"), a -> {
            var s = x.vusbStat(a.str(0), a.dev(1));
            return Wire.pair(DeviceWire.encode(s.config()), DeviceWire.encode(s.state()));
        });
        on("VUSB.list", List.of("id"), a -> stats(x.vusbList(a.str(0), a.str(1)), s -> Wire.pair(
                DeviceWire.encode((org.jxapi.xenops.api.Vusb) s.config()),
                DeviceWire.encode((org.jxapi.xenops.api.VusbState) s.state()))));
        on("VUSB.remove", List.of("id"), a -> { x.vusbRemove(a.str(0), a.dev(1)); return null; });

        on("VIF.add", List.of("vif"), a -> DeviceWire.encode(x.vifAdd(a.str(0), DeviceWire.decodeVif(a.raw(1)))));
        on("VIF.plug", List.of("id"), a -> x.vifPlug(a.str(0), a.dev(1)));
        on("VIF.unplug", List.of("id", "force"), a -> x.vifUnplug(a.str(0), a.dev(1), a.bool(2)));
        on("VIF.move", List.of("id", "network"),
                a -> x.vifMove(a.str(0), a.dev(1), DeviceWire.decodeNetwork(a.raw(2))));
        on("VIF.stat", List.of("id"), a -> {
            var s = x.vifStat(a.str(0), a.dev(1));
            return Wire.pair(DeviceWire.encode(s.config()), DeviceWire.encode(s.state()));
        });
        on("VIF.list", List.of("id"), a -> stats(x.vifList(a.str(0), a.str(1)), s -> Wire.pair(
                DeviceWire.encode((org.jxapi.xenops.api.Vif) s.config()),
                DeviceWire.encode((org.jxapi.xenops.api.VifState) s.state()))));
        on("VIF.remove", List.of("id"), a -> { x.vifRemove(a.str(0), a.dev(1)); return null; });
        on("VIF.set_carrier", List.of("id", "carrier"), a -> x.vifSetCarrier(a.str(0), a.dev(1), a.bool(2)));
        on("VIF.set_locking_mode", List.of("id", "locking_mode"),
                a -> x.vifSetLockingMode(a.str(0), a.dev(1), DeviceWire.decodeLockingMode(a.raw(2))));
        on("VIF.set_ipv4_configuration", List.of("id", "ipv4_configuration"),
                a -> x.vifSetIpv4Configuration(a.str(0), a.dev(1), DeviceWire.decodeIpConfiguration(a.raw(2))));
        on("VIF.set_ipv6_configuration", List.of("id", "ipv6_configuration"),
                a -> x.vifSetIpv6Configuration(a.str(0), a.dev(1), DeviceWire.decodeIpConfiguration(a.raw(2))));
        on("VIF.set_pvs_proxy", List.of("id", "proxy"), a -> {
            Object p = a.opt(2);
            return x.vifSetPvsProxy(a.str(0), a.dev(1), p == null ? null : DeviceWire.decodePvsProxy(p));
        });
        on("VIF.set_trunks", List.of("id", "trunks"), a -> {
            List<Long> trunks = new ArrayList<>();
            ((List<?>) a.raw(2)).forEach(t -> trunks.add(((Number) t).longValue()));
            return x.vifSetTrunks(a.str(0), a.dev(1), trunks);
        });

        on("VGPU.add", List.of("vgpu"), a -> DeviceWire.encode(x.vgpuAdd(a.str(0), DeviceWire.decodeVgpu(a.raw(1)))));
        on("VGPU.stat", List.of("id"), a -> {
            var s = x.vgpuStat(a.str(0), a.dev(1));
            return Wire.pair(DeviceWire.encode(s.config()), DeviceWire.encode(s.state()));
        });
        on("VGPU.list", List.of("id"), a -> stats(x.vgpuList(a.str(0), a.str(1)), s -> Wire.pair(
                DeviceWire.encode((org.jxapi.xenops.api.Vgpu) s.config()),
                DeviceWire.encode((org.jxapi.xenops.api.VgpuState) s.state()))));
        on("VGPU.remove", List.of("id"), a -> { x.vgpuRemove(a.str(0), a.dev(1)); return null; });

        on("UPDATES.get", List.of("last_id", "timeout"),
                a -> Wire.encode(x.updatesGet(a.str(0), a.optInt(1), a.optInt(2))));
        on("UPDATES.last_id", List.of(), a -> x.updatesLastId(a.str(0)));
        on("UPDATES.inject_barrier", List.of("vm_id", "id"),
                a -> { x.updatesInjectBarrier(a.str(0), a.str(1), (int) a.lng(2)); return null; });
        on("UPDATES.remove_barrier", List.of("id"), a -> { x.updatesRemoveBarrier(a.str(0), (int) a.lng(1)); return null; });
        on("UPDATES.refresh_vm", List.of("id"), a -> { x.updatesRefreshVm(a.str(0), a.str(1)); return null; });

        on("DEBUG.trigger", List.of("cmd", "args"),
                a -> { x.debugTrigger(a.str(0), a.str(1), Wire.decodeStringList(a.raw(2))); return null; });
    }

    /** Handles one request body and returns the response body. */
    byte[] handle(byte[] body) {
        Object id = null;
        boolean v2 = true;
        try {
            Object parsed;
            try {
                parsed = JsonText.parse(body);
            } catch (IllegalArgumentException e) {
                return error(null, true, -32700, XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, "parse error: " + e.getMessage()));
            }
            if (!(parsed instanceof Map<?, ?> req)) {
                return error(null, true, -32600, XenopsError.of(XenopsErrorCode.INTERNAL_ERROR, "not a request object"));
            }
            id = req.get("id");
            v2 = "2.0".equals(req.get("jsonrpc"));
            Object name = req.get("method");
            Method m = name instanceof String s ? methods.get(s) : null;
            if (m == null) {
                return error(id, v2, -32601, XenopsError.of(XenopsErrorCode.UNIMPLEMENTED, String.valueOf(name)));
            }
            Args args = new Args(positional(m, req.get("params")));
            Object result;
            try {
                result = m.handler().call(args);
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                return error(id, v2, -32602, XenopsError.of(XenopsErrorCode.INTERNAL_ERROR,
                        "bad parameters for " + name + ": " + e.getMessage()));
            }
            return success(id, v2, result);
        } catch (XenopsException e) {
            return error(id, v2, -32000, e.error());
        } catch (RuntimeException e) {
            LOG.warn("xenops RPC failed unexpectedly", e);
            return error(id, v2, -32000, XenopsException.wrap(e).error());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> positional(Method m, Object params) {
        if (params == null) {
            return List.of();
        }
        if (params instanceof Map<?, ?> named) {
            return byName(m, (Map<String, Object>) named);
        }
        List<Object> l = (List<Object>) params;
        // The original's clients send named parameters as one object.
        if (l.size() == 1 && l.get(0) instanceof Map<?, ?> named && ((Map<?, ?>) named).containsKey("debug_info")) {
            return byName(m, (Map<String, Object>) named);
        }
        return l;
    }

    private static List<Object> byName(Method m, Map<String, Object> named) {
        List<Object> out = new ArrayList<>();
        for (String n : m.names()) {
            out.add(named.get(n));
        }
        return out;
    }

    private static byte[] success(Object id, boolean v2, Object result) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (v2) {
            r.put("jsonrpc", "2.0");
        }
        r.put("result", result);
        if (!v2) {
            r.put("error", null);
        }
        r.put("id", id);
        return JsonText.write(r);
    }

    private static byte[] error(Object id, boolean v2, int code, XenopsError e) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (v2) {
            r.put("jsonrpc", "2.0");
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("code", code);
            err.put("message", e.code().wireName());
            err.put("data", Wire.encode(e));
            r.put("error", err);
        } else {
            r.put("result", null);
            r.put("error", Wire.encode(e));
        }
        r.put("id", id);
        return JsonText.write(r);
    }
}
