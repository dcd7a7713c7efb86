package org.jxapi.xenops.api;

/** What {@code HOST.stat} returns. CPU policies are opaque strings. */
public record Host(CpuInfo cpuInfo, String hypervisorVersion, String hypervisorCapabilities, boolean iommu,
        boolean hvmCapable) {

    public record CpuInfo(int cpuCount, int socketCount, int threadsPerCore, int nrNodes, String vendor,
            String speed, String modelname, String family, String model, String stepping, String flags,
            String features, String featuresPv, String featuresHvm, String featuresPvHost, String featuresHvmHost) {
    }

    /** The skeleton's answer: nothing known. */
    public static Host unknown() {
        return new Host(new CpuInfo(0, 0, 0, 0, "unknown", "", "", "", "", "", "", "", "", "", "", ""), "", "",
                false, false);
    }
}
