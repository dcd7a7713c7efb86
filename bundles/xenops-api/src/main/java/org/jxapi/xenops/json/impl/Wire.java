package org.jxapi.xenops.json.impl;

import static org.jxapi.xenops.json.impl.Plain.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Barrier;
import org.jxapi.xenops.api.BuilderInfo;
import org.jxapi.xenops.api.Console;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DomainType;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.PvBoot;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.Query;
import org.jxapi.xenops.api.SchedulerParams;
import org.jxapi.xenops.api.TaskInfo;
import org.jxapi.xenops.api.TaskState;
import org.jxapi.xenops.api.Updates;
import org.jxapi.xenops.api.VideoCard;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmAction;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.XenopsError;
import org.jxapi.xenops.api.XenopsErrorCode;

/**
 * The codec between VM, task, update, host and error records and the plain JSON values of the
 * original xenops interface. Device records are in {@link DeviceWire}. Decoders fail with
 * {@code IllegalArgumentException}; absent record fields take the original's defaults.
 */
final class Wire {
    private Wire() {
    }

    // disk

    static Object encode(Disk d) {
        return d == null ? null : list(d.kind() == Disk.Kind.LOCAL ? "Local" : "VDI", d.value());
    }

    static Disk decodeDisk(Object v) {
        String tag = tag(v, "disk");
        String value = str(contents(v), "disk");
        return switch (tag) {
            case "Local" -> Disk.local(value);
            case "VDI" -> Disk.vdi(value);
            default -> throw new IllegalArgumentException("unknown disk " + tag);
        };
    }

    // VM

    static Map<String, Object> encode(Vm vm) {
        Map<String, Object> m = record();
        m.put("id", vm.id());
        m.put("name", vm.name());
        m.put("ssidref", vm.ssidref());
        m.put("xsdata", new LinkedHashMap<>(vm.xsdata()));
        m.put("platformdata", new LinkedHashMap<>(vm.platformdata()));
        m.put("bios_strings", new LinkedHashMap<>(vm.biosStrings()));
        m.put("ty", encode(vm.builderInfo()));
        m.put("suppress_spurious_page_faults", vm.suppressSpuriousPageFaults());
        putOpt(m, "machine_address_size", vm.machineAddressSize());
        m.put("memory_static_max", vm.memoryStaticMax());
        m.put("memory_dynamic_max", vm.memoryDynamicMax());
        m.put("memory_dynamic_min", vm.memoryDynamicMin());
        m.put("vcpu_max", vm.vcpuMax());
        m.put("vcpus", vm.vcpus());
        Map<String, Object> sp = record();
        SchedulerParams s = vm.schedulerParams();
        if (s.weight() != null) {
            sp.put("priority", list(s.weight(), s.cap()));
        }
        List<Object> aff = new ArrayList<>();
        s.affinity().forEach(a -> aff.add(new ArrayList<Object>(a)));
        sp.put("affinity", aff);
        m.put("scheduler_params", sp);
        m.put("on_crash", actions(vm.onCrash()));
        m.put("on_shutdown", actions(vm.onShutdown()));
        m.put("on_reboot", actions(vm.onReboot()));
        m.put("on_softreboot", actions(vm.onSoftreboot()));
        m.put("pci_msitranslate", vm.pciMsitranslate());
        m.put("pci_power_mgmt", vm.pciPowerMgmt());
        m.put("has_vendor_device", vm.hasVendorDevice());
        putOpt(m, "generation_id", vm.generationId());
        return m;
    }

    static Vm decodeVm(Object v) {
        Map<String, Object> m = obj(v, "VM");
        Vm.Builder b = Vm.builder(str(req(m, "id", "VM"), "VM.id"))
                .name(str(m, "name", "unnamed"))
                .ssidref(lng(m, "ssidref", 0))
                .xsdata(strMap(m.get("xsdata"), "xsdata"))
                .platformdata(strMap(m.get("platformdata"), "platformdata"))
                .biosStrings(strMap(m.get("bios_strings"), "bios_strings"))
                .builderInfo(decodeBuilderInfo(req(m, "ty", "VM")))
                .suppressSpuriousPageFaults(bool(m, "suppress_spurious_page_faults", false))
                .machineAddressSize(optField(m, "machine_address_size") == null ? null
                        : intg(optField(m, "machine_address_size"), "machine_address_size"))
                .memoryStaticMax(lng(m, "memory_static_max", 0))
                .memoryDynamicMax(lng(m, "memory_dynamic_max", 0))
                .memoryDynamicMin(lng(m, "memory_dynamic_min", 0))
                .vcpuMax(intg(m, "vcpu_max", 1))
                .vcpus(intg(m, "vcpus", 1))
                .onCrash(decodeActions(m.get("on_crash")))
                .onShutdown(decodeActions(m.get("on_shutdown")))
                .onReboot(decodeActions(m.get("on_reboot")))
                .onSoftreboot(m.containsKey("on_softreboot") ? decodeActions(m.get("on_softreboot"))
                        : List.of(VmAction.SOFTREBOOT))
                .pciMsitranslate(bool(m, "pci_msitranslate", true))
                .pciPowerMgmt(bool(m, "pci_power_mgmt", false))
                .hasVendorDevice(bool(m, "has_vendor_device", false));
        Object gen = optField(m, "generation_id");
        b.generationId(gen == null ? null : str(gen, "generation_id"));
        Object sp = m.get("scheduler_params");
        if (sp != null) {
            Map<String, Object> s = obj(sp, "scheduler_params");
            Object prio = optField(s, "priority");
            Integer w = null;
            Integer c = null;
            if (prio != null) {
                List<Object> p = arr(prio, "priority");
                w = intg(p.get(0), "weight");
                c = intg(p.get(1), "cap");
            }
            b.schedulerParams(new SchedulerParams(w, c,
                    list(s.get("affinity"), "affinity", a -> list(a, "affinity", x -> intg(x, "affinity")))));
        }
        return b.build();
    }

    private static List<Object> actions(List<VmAction> as) {
        List<Object> l = new ArrayList<>(as.size());
        as.forEach(a -> l.add(a.wireName()));
        return l;
    }

    private static List<VmAction> decodeActions(Object v) {
        return list(v, "actions", a -> VmAction.ofWireName(str(a, "action")));
    }

    static Object encode(BuilderInfo b) {
        if (b instanceof HvmInfo h) {
            Map<String, Object> m = record();
            m.put("hap", h.hap());
            m.put("shadow_multiplier", h.shadowMultiplier());
            m.put("timeoffset", h.timeoffset());
            m.put("video_mib", h.videoMib());
            m.put("video", h.video() == VideoCard.IGD_PASSTHROUGH ? list("IGD_passthrough", "GVT_d")
                    : h.video().wireName());
            m.put("acpi", h.acpi());
            putOpt(m, "serial", h.serial());
            putOpt(m, "keymap", h.keymap());
            putOpt(m, "vnc_ip", h.vncIp());
            m.put("pci_emulations", new ArrayList<Object>(h.pciEmulations()));
            m.put("pci_passthrough", h.pciPassthrough());
            m.put("boot_order", h.bootOrder());
            m.put("qemu_disk_cmdline", h.qemuDiskCmdline());
            m.put("qemu_stubdom", h.qemuStubdom());
            Map<String, Object> nvram = record();
            nvram.put("on_boot", "Persist");
            nvram.put("backend", "xapidb");
            m.put("firmware", h.firmware() == HvmInfo.Firmware.UEFI ? list("Uefi", nvram) : "Bios");
            putOpt(m, "tpm", h.tpm() == null ? null : list("Vtpm", h.tpm()));
            return list("HVM", m);
        }
        PvInfo p = (PvInfo) b;
        Map<String, Object> m = record();
        Map<String, Object> boot = record();
        if (p.boot() instanceof PvBoot.Direct d) {
            boot.put("kernel", d.kernel());
            boot.put("cmdline", d.cmdline());
            putOpt(boot, "ramdisk", d.ramdisk());
            m.put("boot", list("Direct", boot));
        } else {
            PvBoot.Indirect i = (PvBoot.Indirect) p.boot();
            boot.put("bootloader", i.bootloader());
            boot.put("extra_args", i.extraArgs());
            boot.put("legacy_args", i.legacyArgs());
            boot.put("bootloader_args", i.bootloaderArgs());
            List<Object> devices = new ArrayList<>();
            i.devices().forEach(d -> devices.add(encode(d)));
            boot.put("devices", devices);
            m.put("boot", list("Indirect", boot));
        }
        m.put("framebuffer", p.framebuffer());
        putOpt(m, "framebuffer_ip", p.framebufferIp());
        m.put("vncterm", p.vncterm());
        putOpt(m, "vncterm_ip", p.vnctermIp());
        m.put("pci_passthrough", p.pciPassthrough());
        return list(p.flavour().wireName(), m);
    }

    static BuilderInfo decodeBuilderInfo(Object v) {
        String tag = tag(v, "ty");
        Map<String, Object> m = obj(contents(v), "ty");
        if (tag.equals("HVM")) {
            Object video = m.get("video");
            Object tpm = optField(m, "tpm");
            return new HvmInfo(bool(m, "hap", true), dbl(m, "shadow_multiplier", 1.0), str(m, "timeoffset", ""),
                    intg(m, "video_mib", 4), video == null ? VideoCard.CIRRUS : VideoCard.ofWireName(tag(video, "video")),
                    bool(m, "acpi", true), optStr(m, "serial"), optStr(m, "keymap"), optStr(m, "vnc_ip"),
                    strList(m.get("pci_emulations"), "pci_emulations"), bool(m, "pci_passthrough", false),
                    str(m, "boot_order", ""), bool(m, "qemu_disk_cmdline", false), bool(m, "qemu_stubdom", false),
                    m.get("firmware") != null && tag(m.get("firmware"), "firmware").equals("Uefi")
                            ? HvmInfo.Firmware.UEFI : HvmInfo.Firmware.BIOS,
                    tpm == null ? null : str(contents(tpm), "tpm"));
        }
        PvInfo.Flavour flavour = switch (tag) {
            case "PV" -> PvInfo.Flavour.PV;
            case "PVinPVH" -> PvInfo.Flavour.PV_IN_PVH;
            case "PVH" -> PvInfo.Flavour.PVH;
            default -> throw new IllegalArgumentException("unknown builder " + tag);
        };
        Object bootV = req(m, "boot", "pv_info");
        Map<String, Object> bm = obj(contents(bootV), "boot");
        PvBoot boot = tag(bootV, "boot").equals("Direct")
                ? new PvBoot.Direct(str(bm, "kernel", ""), str(bm, "cmdline", ""), optStr(bm, "ramdisk"))
                : new PvBoot.Indirect(str(bm, "bootloader", ""), str(bm, "extra_args", ""),
                        str(bm, "legacy_args", ""), str(bm, "bootloader_args", ""),
                        list(bm.get("devices"), "devices", Wire::decodeDisk));
        return new PvInfo(flavour, boot, bool(m, "framebuffer", true), optStr(m, "framebuffer_ip"),
                bool(m, "vncterm", true), optStr(m, "vncterm_ip"), bool(m, "pci_passthrough", false));
    }

    static String optStr(Map<String, Object> m, String key) {
        Object v = optField(m, key);
        return v == null ? null : str(v, key);
    }

    // VM state

    static Map<String, Object> encode(VmState s) {
        Map<String, Object> m = record();
        m.put("power_state", s.powerState().wireName());
        m.put("domids", new ArrayList<Object>(s.domids()));
        List<Object> consoles = new ArrayList<>();
        for (Console c : s.consoles()) {
            Map<String, Object> cm = record();
            cm.put("protocol", c.protocol() == Console.Protocol.RFB ? "Rfb" : "Vt100");
            cm.put("port", c.port());
            cm.put("path", c.path());
            consoles.add(cm);
        }
        m.put("consoles", consoles);
        m.put("memory_target", s.memoryTarget());
        m.put("memory_actual", s.memoryActual());
        m.put("memory_limit", s.memoryLimit());
        m.put("vcpu_target", s.vcpuTarget());
        m.put("shadow_multiplier_target", s.shadowMultiplierTarget());
        m.put("rtc_timeoffset", s.rtcTimeoffset());
        m.put("uncooperative_balloon_driver", s.uncooperativeBalloonDriver());
        m.put("guest_agent", new LinkedHashMap<>(s.guestAgent()));
        m.put("xsdata_state", new LinkedHashMap<>(s.xsdataState()));
        m.put("pv_drivers_detected", s.pvDriversDetected());
        m.put("last_start_time", s.lastStartTime());
        m.put("hvm", s.hvm());
        m.put("nomigrate", s.nomigrate());
        m.put("nested_virt", s.nestedVirt());
        m.put("domain_type", s.domainType().wireName());
        m.put("featureset", s.featureset());
        m.put("numa_optimised", s.numaOptimised());
        m.put("numa_nodes", s.numaNodes());
        List<Object> nm = new ArrayList<>();
        s.numaNodeMemory().forEach((k, x) -> nm.add(list(k, x)));
        m.put("numa_node_memory", nm);
        return m;
    }

    static VmState decodeVmState(Object v) {
        Map<String, Object> m = obj(v, "VM state");
        Map<Integer, Long> numa = new LinkedHashMap<>();
        for (Object p : list(m.get("numa_node_memory"), "numa_node_memory", x -> arr(x, "numa"))) {
            List<?> l = (List<?>) p;
            numa.put(intg(l.get(0), "node"), lng(l.get(1), "bytes"));
        }
        return new VmState(PowerState.ofWireName(str(req(m, "power_state", "VM state"), "power_state")),
                list(m.get("domids"), "domids", x -> intg(x, "domid")),
                list(m.get("consoles"), "consoles", c -> {
                    Map<String, Object> cm = obj(c, "console");
                    return new Console("Rfb".equals(tag(req(cm, "protocol", "console"), "protocol"))
                            ? Console.Protocol.RFB : Console.Protocol.VT100, intg(cm, "port", 0), str(cm, "path", ""));
                }),
                lng(m, "memory_target", 0), lng(m, "memory_actual", 0), lng(m, "memory_limit", 0),
                intg(m, "vcpu_target", 0), dbl(m, "shadow_multiplier_target", 1.0), str(m, "rtc_timeoffset", ""),
                bool(m, "uncooperative_balloon_driver", false), strMap(m.get("guest_agent"), "guest_agent"),
                strMap(m.get("xsdata_state"), "xsdata_state"), bool(m, "pv_drivers_detected", false),
                dbl(m, "last_start_time", 0), bool(m, "hvm", false), bool(m, "nomigrate", false),
                bool(m, "nested_virt", false), DomainType.ofWireName(str(m, "domain_type", "Domain_undefined")),
                str(m, "featureset", ""), bool(m, "numa_optimised", false), intg(m, "numa_nodes", 0), numa);
    }

    // tasks

    static Object encode(TaskState s) {
        return switch (s.status()) {
            case PENDING -> list("Pending", s.progress());
            case COMPLETED -> {
                Map<String, Object> c = record();
                c.put("duration", s.duration());
                putOpt(c, "result", s.result());
                yield list("Completed", c);
            }
            case FAILED -> list("Failed", encode(s.error()));
        };
    }

    static TaskState decodeTaskState(Object v) {
        String tag = tag(v, "task state");
        Object c = contents(v);
        return switch (tag) {
            case "Pending" -> TaskState.pending(c == null ? 0 : dbl(c, "progress"));
            case "Completed" -> {
                Map<String, Object> m = obj(c, "completion");
                yield TaskState.completed(dbl(m, "duration", 0), optField(m, "result"));
            }
            case "Failed" -> TaskState.failed(decodeError(c));
            default -> throw new IllegalArgumentException("unknown task state " + tag);
        };
    }

    static Map<String, Object> encode(TaskInfo t) {
        Map<String, Object> m = record();
        m.put("id", t.id());
        m.put("dbg", t.dbg());
        m.put("ctime", t.ctime());
        m.put("state", encode(t.state()));
        Map<String, Object> subs = record();
        t.subtasks().forEach((k, s) -> subs.put(k, encode(s)));
        m.put("subtasks", subs);
        m.put("debug_info", new LinkedHashMap<>(t.debugInfo()));
        m.put("backtrace", t.backtrace());
        m.put("cancellable", t.cancellable());
        return m;
    }

    static TaskInfo decodeTaskInfo(Object v) {
        Map<String, Object> m = obj(v, "task");
        Map<String, TaskState> subs = new LinkedHashMap<>();
        Object sv = m.get("subtasks");
        if (sv instanceof Map<?, ?> sm) {
            sm.forEach((k, s) -> subs.put((String) k, decodeTaskState(s)));
        } else if (sv instanceof List<?> sl) {
            for (Object p : sl) {
                List<Object> pair = arr(p, "subtask");
                subs.put(str(pair.get(0), "subtask"), decodeTaskState(pair.get(1)));
            }
        }
        return new TaskInfo(str(req(m, "id", "task"), "task.id"), str(m, "dbg", ""), dbl(m, "ctime", 0),
                decodeTaskState(req(m, "state", "task")), subs, strMap(m.get("debug_info"), "debug_info"),
                str(m, "backtrace", ""), bool(m, "cancellable", true));
    }

    // errors

    /** The original's shape: {@code "Code"}, {@code ["Code", p]} or {@code ["Code", [p1, p2, ...]]}. */
    static Object encode(XenopsError e) {
        String shape = e.code().shape();
        List<String> ps = e.params();
        if (shape.isEmpty()) {
            return e.code().wireName();
        }
        List<Object> typed = new ArrayList<>();
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            if (c == 'S') {
                typed.add(new ArrayList<Object>(ps.subList(Math.min(i, ps.size()), ps.size())));
                break;
            }
            typed.add(i < ps.size() ? typedParam(c, ps.get(i)) : typedParam(c, ""));
        }
        Object contents = typed.size() == 1 ? typed.get(0) : typed;
        return list(e.code().wireName(), contents);
    }

    private static Object typedParam(char c, String p) {
        try {
            return switch (c) {
                case 'i', 'l' -> Long.parseLong(p);
                case 'f' -> Double.parseDouble(p);
                default -> p;
            };
        } catch (NumberFormatException ex) {
            return p;
        }
    }

    static XenopsError decodeError(Object v) {
        String tag = tag(v, "error");
        XenopsErrorCode code = XenopsErrorCode.ofWireName(tag);
        Object c = contents(v);
        List<String> ps = new ArrayList<>();
        if (code == XenopsErrorCode.UNKNOWN_ERROR && !tag.equals("Unknown_error")) {
            ps.add(tag);
        }
        flatten(c, ps, code.shape().length() != 1 || code.shape().equals("S"));
        return new XenopsError(code, ps);
    }

    private static void flatten(Object c, List<String> out, boolean tuple) {
        if (c == null) {
            return;
        }
        if (c instanceof List<?> l && tuple) {
            for (Object o : l) {
                flatten(o, out, true);
            }
        } else if (c instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            out.add(Double.toString(d));
        } else {
            out.add(String.valueOf(c));
        }
    }

    // updates

    static Object encode(DynamicId id) {
        return switch (id.kind()) {
            case VM, TASK -> list(id.kind().wireName(), id.id());
            default -> list(id.kind().wireName(), list(id.id(), id.device()));
        };
    }

    static DynamicId decodeDynamicId(Object v) {
        DynamicId.Kind kind = DynamicId.Kind.ofWireName(tag(v, "id"));
        Object c = contents(v);
        if (kind.isDevice()) {
            List<Object> p = arr(c, "device id");
            return new DynamicId(kind, str(p.get(0), "vm"), str(p.get(1), "device"));
        }
        return new DynamicId(kind, str(c, "id"), null);
    }

    static Object encode(Updates u) {
        List<Object> barriers = new ArrayList<>();
        for (Barrier b : u.barriers()) {
            barriers.add(list(b.id(), ids(b.ids())));
        }
        return list(barriers, ids(u.ids()), u.lastId());
    }

    private static List<Object> ids(List<DynamicId> ids) {
        List<Object> l = new ArrayList<>(ids.size());
        ids.forEach(i -> l.add(encode(i)));
        return l;
    }

    static Updates decodeUpdates(Object v) {
        List<Object> t = arr(v, "updates");
        List<Barrier> barriers = list(t.get(0), "barriers", b -> {
            List<Object> p = arr(b, "barrier");
            return new Barrier(intg(p.get(0), "barrier id"), list(p.get(1), "barrier ids", Wire::decodeDynamicId));
        });
        return new Updates(barriers, list(t.get(1), "ids", Wire::decodeDynamicId), intg(t.get(2), "next id"));
    }

    // query and host

    static Map<String, Object> encode(Query q) {
        Map<String, Object> m = record();
        m.put("name", q.name());
        m.put("vendor", q.vendor());
        m.put("version", q.version());
        m.put("features", new ArrayList<Object>(q.features()));
        m.put("instance_id", q.instanceId());
        return m;
    }

    static Query decodeQuery(Object v) {
        Map<String, Object> m = obj(v, "query");
        return new Query(str(m, "name", ""), str(m, "vendor", ""), str(m, "version", ""),
                strList(m.get("features"), "features"), str(m, "instance_id", ""));
    }

    static Map<String, Object> encode(Host h) {
        Host.CpuInfo c = h.cpuInfo();
        Map<String, Object> cpu = record();
        cpu.put("cpu_count", c.cpuCount());
        cpu.put("socket_count", c.socketCount());
        cpu.put("threads_per_core", c.threadsPerCore());
        cpu.put("nr_nodes", c.nrNodes());
        cpu.put("vendor", c.vendor());
        cpu.put("speed", c.speed());
        cpu.put("modelname", c.modelname());
        cpu.put("family", c.family());
        cpu.put("model", c.model());
        cpu.put("stepping", c.stepping());
        cpu.put("flags", c.flags());
        cpu.put("features", c.features());
        cpu.put("features_pv", c.featuresPv());
        cpu.put("features_hvm", c.featuresHvm());
        cpu.put("features_pv_host", c.featuresPvHost());
        cpu.put("features_hvm_host", c.featuresHvmHost());
        Map<String, Object> hyp = record();
        hyp.put("version", h.hypervisorVersion());
        hyp.put("capabilities", h.hypervisorCapabilities());
        Map<String, Object> chip = record();
        chip.put("iommu", h.iommu());
        chip.put("hvm", h.hvmCapable());
        Map<String, Object> m = record();
        m.put("cpu_info", cpu);
        m.put("hypervisor", hyp);
        m.put("chipset_info", chip);
        return m;
    }

    static Host decodeHost(Object v) {
        Map<String, Object> m = obj(v, "host");
        Map<String, Object> c = obj(req(m, "cpu_info", "host"), "cpu_info");
        Map<String, Object> hyp = obj(req(m, "hypervisor", "host"), "hypervisor");
        Map<String, Object> chip = obj(req(m, "chipset_info", "host"), "chipset_info");
        return new Host(new Host.CpuInfo(intg(c, "cpu_count", 0), intg(c, "socket_count", 0),
                intg(c, "threads_per_core", 0), intg(c, "nr_nodes", 0), str(c, "vendor", ""), str(c, "speed", ""),
                str(c, "modelname", ""), str(c, "family", ""), str(c, "model", ""), str(c, "stepping", ""),
                str(c, "flags", ""), str(c, "features", ""), str(c, "features_pv", ""), str(c, "features_hvm", ""),
                str(c, "features_pv_host", ""), str(c, "features_hvm_host", "")),
                str(hyp, "version", ""), str(hyp, "capabilities", ""), bool(chip, "iommu", false),
                bool(chip, "hvm", false));
    }

    /** A stat pair: {@code [config, state]}. */
    static List<Object> pair(Object a, Object b) {
        return list(a, b);
    }

    /** Reads an option the way calls carry them: {@code []}, {@code [x]}, null or a bare x. */
    static Object option(Object v) {
        return unwrapOption(v);
    }

    static Map<String, String> decodeStringMap(Object v) {
        return strMap(v, "map");
    }

    static List<String> decodeStringList(Object v) {
        return strList(v, "list");
    }
}
