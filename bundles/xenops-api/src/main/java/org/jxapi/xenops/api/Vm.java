package org.jxapi.xenops.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VM's configuration as xenops keeps it: what to use at the next start or reboot. Devices are
 * separate objects ({@link Vbd}, {@link Vif}, {@link Pci}, {@link Vgpu}, {@link Vusb}).
 */
public record Vm(String id, String name, long ssidref, Map<String, String> xsdata, Map<String, String> platformdata,
        Map<String, String> biosStrings, BuilderInfo builderInfo, boolean suppressSpuriousPageFaults,
        Integer machineAddressSize, long memoryStaticMax, long memoryDynamicMax, long memoryDynamicMin,
        int vcpuMax, int vcpus, SchedulerParams schedulerParams, List<VmAction> onCrash, List<VmAction> onShutdown,
        List<VmAction> onReboot, List<VmAction> onSoftreboot, boolean pciMsitranslate, boolean pciPowerMgmt,
        boolean hasVendorDevice, String generationId) {

    public Vm {
        Objects.requireNonNull(id, "id");
        name = name == null ? "unnamed" : name;
        xsdata = Copies.map(xsdata);
        platformdata = Copies.map(platformdata);
        biosStrings = Copies.map(biosStrings);
        Objects.requireNonNull(builderInfo, "builderInfo");
        schedulerParams = schedulerParams == null ? SchedulerParams.none() : schedulerParams;
        onCrash = Copies.list(onCrash);
        onShutdown = Copies.list(onShutdown);
        onReboot = Copies.list(onReboot);
        onSoftreboot = onSoftreboot == null ? List.of(VmAction.SOFTREBOOT) : Copies.list(onSoftreboot);
    }

    /** True for an HVM guest. */
    public boolean hvm() {
        return builderInfo.hvm();
    }

    /** A builder starting from the original test suite's shape: HVM, 128 MiB, 2 vCPUs, reboot restarts. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.name = name;
        b.ssidref = ssidref;
        b.xsdata = xsdata;
        b.platformdata = platformdata;
        b.biosStrings = biosStrings;
        b.builderInfo = builderInfo;
        b.suppressSpuriousPageFaults = suppressSpuriousPageFaults;
        b.machineAddressSize = machineAddressSize;
        b.memoryStaticMax = memoryStaticMax;
        b.memoryDynamicMax = memoryDynamicMax;
        b.memoryDynamicMin = memoryDynamicMin;
        b.vcpuMax = vcpuMax;
        b.vcpus = vcpus;
        b.schedulerParams = schedulerParams;
        b.onCrash = onCrash;
        b.onShutdown = onShutdown;
        b.onReboot = onReboot;
        b.onSoftreboot = onSoftreboot;
        b.pciMsitranslate = pciMsitranslate;
        b.pciPowerMgmt = pciPowerMgmt;
        b.hasVendorDevice = hasVendorDevice;
        b.generationId = generationId;
        return b;
    }

    /** Builds a {@link Vm}; every field starts at a usable default. */
    public static final class Builder {
        private final String id;
        private String name;
        private long ssidref;
        private Map<String, String> xsdata = Map.of();
        private Map<String, String> platformdata = Map.of();
        private Map<String, String> biosStrings = Map.of();
        private BuilderInfo builderInfo = HvmInfo.defaults();
        private boolean suppressSpuriousPageFaults;
        private Integer machineAddressSize;
        private long memoryStaticMax = 128L << 20;
        private long memoryDynamicMax = 128L << 20;
        private long memoryDynamicMin = 128L << 20;
        private int vcpuMax = 2;
        private int vcpus = 2;
        private SchedulerParams schedulerParams = SchedulerParams.none();
        private List<VmAction> onCrash = List.of(VmAction.SHUTDOWN);
        private List<VmAction> onShutdown = List.of(VmAction.SHUTDOWN);
        private List<VmAction> onReboot = List.of(VmAction.START);
        private List<VmAction> onSoftreboot = List.of(VmAction.SOFTREBOOT);
        private boolean pciMsitranslate = true;
        private boolean pciPowerMgmt;
        private boolean hasVendorDevice;
        private String generationId;

        private Builder(String id) {
            this.id = id;
            this.name = "unnamed";
        }

        public Builder name(String v) { name = v; return this; }
        public Builder ssidref(long v) { ssidref = v; return this; }
        public Builder xsdata(Map<String, String> v) { xsdata = v; return this; }
        public Builder platformdata(Map<String, String> v) { platformdata = v; return this; }
        public Builder biosStrings(Map<String, String> v) { biosStrings = v; return this; }
        public Builder builderInfo(BuilderInfo v) { builderInfo = v; return this; }
        public Builder suppressSpuriousPageFaults(boolean v) { suppressSpuriousPageFaults = v; return this; }
        public Builder machineAddressSize(Integer v) { machineAddressSize = v; return this; }
        public Builder memoryStaticMax(long v) { memoryStaticMax = v; return this; }
        public Builder memoryDynamicMax(long v) { memoryDynamicMax = v; return this; }
        public Builder memoryDynamicMin(long v) { memoryDynamicMin = v; return this; }
        public Builder vcpuMax(int v) { vcpuMax = v; return this; }
        public Builder vcpus(int v) { vcpus = v; return this; }
        public Builder schedulerParams(SchedulerParams v) { schedulerParams = v; return this; }
        public Builder onCrash(List<VmAction> v) { onCrash = v; return this; }
        public Builder onShutdown(List<VmAction> v) { onShutdown = v; return this; }
        public Builder onReboot(List<VmAction> v) { onReboot = v; return this; }
        public Builder onSoftreboot(List<VmAction> v) { onSoftreboot = v; return this; }
        public Builder pciMsitranslate(boolean v) { pciMsitranslate = v; return this; }
        public Builder pciPowerMgmt(boolean v) { pciPowerMgmt = v; return this; }
        public Builder hasVendorDevice(boolean v) { hasVendorDevice = v; return this; }
        public Builder generationId(String v) { generationId = v; return this; }

        public Vm build() {
            return new Vm(id, name, ssidref, xsdata, platformdata, biosStrings, builderInfo,
                    suppressSpuriousPageFaults, machineAddressSize, memoryStaticMax, memoryDynamicMax,
                    memoryDynamicMin, vcpuMax, vcpus, schedulerParams, onCrash, onShutdown, onReboot, onSoftreboot,
                    pciMsitranslate, pciPowerMgmt, hasVendorDevice, generationId);
        }
    }
}
