package org.jxapi.xenops.json.impl;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.SchedulerParams;
import org.jxapi.xenops.api.Vgpu;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;

/**
 * The xenops records' wire shapes as mix-ins: the original's snake_case names, options left out when
 * None and read from {@code [x]}, {@code []} or a bare x, the original's defaults for absent fields
 * ({@link WhenAbsent}), and tuples as arrays. Records whose fields the original groups differently
 * (a host's nested records, a VGPU's implementation variant, a scheduler's priority pair) convert to
 * and from a private record of the original's shape.
 */
final class RecordShapes {
    private RecordShapes() {
    }

    abstract static class Vm {
        @JsonProperty("bios_strings") abstract Map<String, String> biosStrings();
        @JsonProperty("ty") @JsonSerialize(using = XenopsModule.BuilderWriter.class) abstract Object builderInfo();
        @JsonProperty("suppress_spurious_page_faults") abstract boolean suppressSpuriousPageFaults();
        @JsonProperty("machine_address_size") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract Integer machineAddressSize();
        @JsonProperty("memory_static_max") abstract long memoryStaticMax();
        @JsonProperty("memory_dynamic_max") abstract long memoryDynamicMax();
        @JsonProperty("memory_dynamic_min") abstract long memoryDynamicMin();
        @JsonProperty("vcpu_max") @WhenAbsent("1") abstract int vcpuMax();
        @WhenAbsent("1") abstract int vcpus();
        @JsonProperty("scheduler_params") abstract SchedulerParams schedulerParams();
        @JsonProperty("on_crash") abstract List<?> onCrash();
        @JsonProperty("on_shutdown") abstract List<?> onShutdown();
        @JsonProperty("on_reboot") abstract List<?> onReboot();
        @JsonProperty("on_softreboot") abstract List<?> onSoftreboot();
        @JsonProperty("pci_msitranslate") @WhenAbsent("true") abstract boolean pciMsitranslate();
        @JsonProperty("pci_power_mgmt") abstract boolean pciPowerMgmt();
        @JsonProperty("has_vendor_device") abstract boolean hasVendorDevice();
        @JsonProperty("generation_id") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract String generationId();
    }

    abstract static class HvmInfo {
        @WhenAbsent("true") abstract boolean hap();
        @JsonProperty("shadow_multiplier") @WhenAbsent("1.0") abstract double shadowMultiplier();
        @JsonProperty("video_mib") @WhenAbsent("4") abstract int videoMib();
        @WhenAbsent("true") abstract boolean acpi();
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract String serial();
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract String keymap();
        @JsonProperty("vnc_ip") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract String vncIp();
        @JsonProperty("pci_emulations") abstract List<String> pciEmulations();
        @JsonProperty("pci_passthrough") abstract boolean pciPassthrough();
        @JsonProperty("boot_order") abstract String bootOrder();
        @JsonProperty("qemu_disk_cmdline") abstract boolean qemuDiskCmdline();
        @JsonProperty("qemu_stubdom") abstract boolean qemuStubdom();
        /** Some tpm is the original's {@code ["Vtpm", uuid]}. */
        @JsonInclude(NON_NULL) @JsonSerialize(using = Vtpm.Writer.class) @JsonDeserialize(using = Vtpm.Reader.class)
        abstract String tpm();
    }

    abstract static class PvInfo {
        @JsonSerialize(using = XenopsModule.BootWriter.class) abstract Object boot();
        /** The variant's tag, not a field: the builder variant puts the tag's flavour in. */
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) @WhenAbsent("PV") abstract Object flavour();
        @WhenAbsent("true") abstract boolean framebuffer();
        @JsonProperty("framebuffer_ip") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract String framebufferIp();
        @WhenAbsent("true") abstract boolean vncterm();
        @JsonProperty("vncterm_ip") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract String vnctermIp();
        @JsonProperty("pci_passthrough") abstract boolean pciPassthrough();
    }

    abstract static class DirectBoot {
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract String ramdisk();
    }

    abstract static class IndirectBoot {
        @JsonProperty("extra_args") abstract String extraArgs();
        @JsonProperty("legacy_args") abstract String legacyArgs();
        @JsonProperty("bootloader_args") abstract String bootloaderArgs();
    }

    abstract static class VmState {
        @JsonProperty("power_state") abstract Object powerState();
        @JsonProperty("memory_target") abstract long memoryTarget();
        @JsonProperty("memory_actual") abstract long memoryActual();
        @JsonProperty("memory_limit") abstract long memoryLimit();
        @JsonProperty("vcpu_target") abstract int vcpuTarget();
        @JsonProperty("shadow_multiplier_target") @WhenAbsent("1.0") abstract double shadowMultiplierTarget();
        @JsonProperty("rtc_timeoffset") abstract String rtcTimeoffset();
        @JsonProperty("uncooperative_balloon_driver") abstract boolean uncooperativeBalloonDriver();
        @JsonProperty("guest_agent") abstract Map<String, String> guestAgent();
        @JsonProperty("xsdata_state") abstract Map<String, String> xsdataState();
        @JsonProperty("pv_drivers_detected") abstract boolean pvDriversDetected();
        @JsonProperty("last_start_time") abstract double lastStartTime();
        @JsonProperty("nested_virt") abstract boolean nestedVirt();
        @JsonProperty("domain_type") abstract Object domainType();
        @JsonProperty("numa_optimised") abstract boolean numaOptimised();
        @JsonProperty("numa_nodes") abstract int numaNodes();
        /** The original's {@code (int * int64) list}. */
        @JsonProperty("numa_node_memory") @JsonSerialize(using = Pairs.Writer.class)
        abstract Map<Integer, Long> numaNodeMemory();
    }

    abstract static class TaskInfo {
        @JsonProperty("debug_info") abstract Map<String, String> debugInfo();
        @WhenAbsent("true") abstract boolean cancellable();
    }

    /** A completed task's contents: {@code {"duration": d, "result": r}}, r an option. */
    record Completion(double duration,
            @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) Object result) {
    }

    abstract static class Query {
        @WhenAbsent("") abstract String name();
        @WhenAbsent("") abstract String vendor();
        @WhenAbsent("") abstract String version();
        @JsonProperty("instance_id") @WhenAbsent("") abstract String instanceId();
    }

    /** A host as the original nests it. */
    record HostShape(@JsonProperty("cpu_info") org.jxapi.xenops.api.Host.CpuInfo cpuInfo, Hypervisor hypervisor,
            @JsonProperty("chipset_info") Chipset chipsetInfo) {
        record Hypervisor(@WhenAbsent("") String version, @WhenAbsent("") String capabilities) {
        }

        record Chipset(boolean iommu, boolean hvm) {
        }
    }

    @JsonSerialize(converter = Host.Out.class)
    @JsonDeserialize(converter = Host.In.class)
    abstract static class Host {
        static final class Out extends StdConverter<org.jxapi.xenops.api.Host, HostShape> {
            @Override
            public HostShape convert(org.jxapi.xenops.api.Host h) {
                return new HostShape(h.cpuInfo(), new HostShape.Hypervisor(h.hypervisorVersion(),
                        h.hypervisorCapabilities()), new HostShape.Chipset(h.iommu(), h.hvmCapable()));
            }
        }

        static final class In extends StdConverter<HostShape, org.jxapi.xenops.api.Host> {
            @Override
            public org.jxapi.xenops.api.Host convert(HostShape h) {
                if (h.cpuInfo() == null || h.hypervisor() == null || h.chipsetInfo() == null) {
                    throw new IllegalArgumentException("host: expected cpu_info, hypervisor and chipset_info");
                }
                return new org.jxapi.xenops.api.Host(h.cpuInfo(), h.hypervisor().version(),
                        h.hypervisor().capabilities(), h.chipsetInfo().iommu(), h.chipsetInfo().hvm());
            }
        }
    }

    abstract static class CpuInfo {
        @JsonProperty("cpu_count") abstract int cpuCount();
        @JsonProperty("socket_count") abstract int socketCount();
        @JsonProperty("threads_per_core") abstract int threadsPerCore();
        @JsonProperty("nr_nodes") abstract int nrNodes();
        @WhenAbsent("") abstract String vendor();
        @WhenAbsent("") abstract String speed();
        @WhenAbsent("") abstract String modelname();
        @WhenAbsent("") abstract String family();
        @WhenAbsent("") abstract String model();
        @WhenAbsent("") abstract String stepping();
        @WhenAbsent("") abstract String flags();
        @WhenAbsent("") abstract String features();
        @JsonProperty("features_pv") @WhenAbsent("") abstract String featuresPv();
        @JsonProperty("features_hvm") @WhenAbsent("") abstract String featuresHvm();
        @JsonProperty("features_pv_host") @WhenAbsent("") abstract String featuresPvHost();
        @JsonProperty("features_hvm_host") @WhenAbsent("") abstract String featuresHvmHost();
    }

    /** A scheduler's settings as the original has them: an optional (weight, cap) pair. */
    record SchedulerShape(@JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) Priority priority,
            List<List<Integer>> affinity) {
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        @JsonPropertyOrder({"weight", "cap"})
        record Priority(int weight, int cap) {
        }
    }

    @JsonSerialize(converter = Scheduler.Out.class)
    @JsonDeserialize(converter = Scheduler.In.class)
    abstract static class Scheduler {
        static final class Out extends StdConverter<SchedulerParams, SchedulerShape> {
            @Override
            public SchedulerShape convert(SchedulerParams s) {
                return new SchedulerShape(s.weight() == null ? null : new SchedulerShape.Priority(s.weight(), s.cap()),
                        s.affinity());
            }
        }

        static final class In extends StdConverter<SchedulerShape, SchedulerParams> {
            @Override
            public SchedulerParams convert(SchedulerShape s) {
                SchedulerShape.Priority p = s.priority();
                return new SchedulerParams(p == null ? null : p.weight(), p == null ? null : p.cap(), s.affinity());
            }
        }
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"vm", "device"})
    abstract static class DeviceIdShape {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"bus", "disk", "partition"})
    abstract static class DeviceNumberShape {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"barriers", "ids", "lastId"})
    abstract static class UpdatesShape {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"id", "ids"})
    abstract static class BarrierShape {
    }

    abstract static class Vbd {
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract DeviceNumber position();
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract Object backend();
        @JsonProperty("ty") abstract Object type();
        @WhenAbsent("true") abstract boolean unpluggable();
        @JsonProperty("extra_backend_keys") abstract Map<String, String> extraBackendKeys();
        @JsonProperty("extra_private_keys") abstract Map<String, String> extraPrivateKeys();
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract Object qos();
        @WhenAbsent("true") abstract boolean persistent();
        @JsonProperty("can_attach_early") abstract boolean canAttachEarly();
    }

    abstract static class VbdState {
        @JsonProperty("qos_target") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract Object qosTarget();
        @JsonProperty("backend_present") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract Object backendPresent();
    }

    abstract static class Vif {
        @WhenAbsent("true") abstract boolean carrier();
        @WhenAbsent("1500") abstract int mtu();
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract Object rate();
        @JsonProperty("other_config") abstract Map<String, String> otherConfig();
        @JsonProperty("locking_mode") abstract Object lockingMode();
        @JsonProperty("extra_private_keys") abstract Map<String, String> extraPrivateKeys();
        @JsonProperty("ipv4_configuration") abstract Object ipv4Configuration();
        @JsonProperty("ipv6_configuration") abstract Object ipv6Configuration();
        @JsonProperty("pvs_proxy") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract Object pvsProxy();
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract Long vlan();
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"kbps", "timesliceUs"})
    abstract static class RateShape {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"site", "servers", "interfaceName"})
    abstract static class PvsProxyShape {
    }

    abstract static class PvsServer {
        @JsonProperty("first_port") abstract int firstPort();
        @JsonProperty("last_port") abstract int lastPort();
    }

    abstract static class Pci {
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract Boolean msitranslate();
        @JsonProperty("power_mgmt") @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class)
        abstract Boolean powerMgmt();
    }

    /** A VGPU as the original has it: its implementation is one variant, {@code "Empty"} or [kind, params]. */
    record VgpuShape(DeviceId id, int position,
            @JsonProperty("virtual_pci_address") @JsonInclude(NON_NULL)
            @JsonDeserialize(using = OptionDeserializer.class) PciAddress virtualPciAddress,
            @JsonProperty("physical_pci_address") PciAddress physicalPciAddress, Implementation implementation) {
        record Implementation(String kind, Map<String, String> params) {
        }
    }

    @JsonSerialize(converter = VgpuConverters.Out.class)
    @JsonDeserialize(converter = VgpuConverters.In.class)
    abstract static class VgpuConverters {
        static final class Out extends StdConverter<Vgpu, VgpuShape> {
            @Override
            public VgpuShape convert(Vgpu v) {
                return new VgpuShape(v.id(), v.position(), v.virtualPciAddress(), v.physicalPciAddress(),
                        new VgpuShape.Implementation(v.implementation(), v.implementationParams()));
            }
        }

        static final class In extends StdConverter<VgpuShape, Vgpu> {
            @Override
            public Vgpu convert(VgpuShape v) {
                VgpuShape.Implementation i = v.implementation();
                return new Vgpu(v.id(), v.position(), v.virtualPciAddress(), v.physicalPciAddress(),
                        i == null ? null : i.kind(), i == null ? null : i.params());
            }
        }
    }

    abstract static class Vusb {
        @WhenAbsent("") abstract String hostbus();
        @WhenAbsent("") abstract String hostport();
        @WhenAbsent("") abstract String version();
        @WhenAbsent("") abstract String path();
    }

    abstract static class Metadata {
        @JsonInclude(NON_NULL) @JsonDeserialize(using = OptionDeserializer.class) abstract String domains();
    }
}
