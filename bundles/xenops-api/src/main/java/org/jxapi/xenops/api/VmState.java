package org.jxapi.xenops.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A VM's current state as its backend reports it; {@link #halted()} is the state of a VM with no domain. */
public record VmState(PowerState powerState, List<Integer> domids, List<Console> consoles, long memoryTarget,
        long memoryActual, long memoryLimit, int vcpuTarget, double shadowMultiplierTarget, String rtcTimeoffset,
        boolean uncooperativeBalloonDriver, Map<String, String> guestAgent, Map<String, String> xsdataState,
        boolean pvDriversDetected, double lastStartTime, boolean hvm, boolean nomigrate, boolean nestedVirt,
        DomainType domainType, String featureset, boolean numaOptimised, int numaNodes,
        Map<Integer, Long> numaNodeMemory) {

    public VmState {
        Objects.requireNonNull(powerState, "powerState");
        domids = Copies.list(domids);
        consoles = Copies.list(consoles);
        rtcTimeoffset = rtcTimeoffset == null ? "" : rtcTimeoffset;
        guestAgent = Copies.map(guestAgent);
        xsdataState = Copies.map(xsdataState);
        domainType = domainType == null ? DomainType.UNDEFINED : domainType;
        featureset = featureset == null ? "" : featureset;
        numaNodeMemory = Copies.map(numaNodeMemory);
    }

    public static VmState halted() {
        return new VmState(PowerState.HALTED, List.of(), List.of(), 0, 0, 0, 0, 1.0, "", false, Map.of(), Map.of(),
                false, 0.0, false, false, false, DomainType.UNDEFINED, "", false, 0, Map.of());
    }

    public VmState withPowerState(PowerState p) {
        return new VmState(p, domids, consoles, memoryTarget, memoryActual, memoryLimit, vcpuTarget,
                shadowMultiplierTarget, rtcTimeoffset, uncooperativeBalloonDriver, guestAgent, xsdataState,
                pvDriversDetected, lastStartTime, hvm, nomigrate, nestedVirt, domainType, featureset, numaOptimised,
                numaNodes, numaNodeMemory);
    }

    /** A state with a domain: the fields a simple backend knows, the rest neutral. */
    public static VmState withDomain(PowerState p, int domid, int vcpus, long memory, double lastStartTime,
            boolean hvm, Map<String, String> xsdata) {
        return new VmState(p, List.of(domid), List.of(), memory, memory, memory, vcpus, 1.0, "", false, Map.of(),
                xsdata, false, lastStartTime, hvm, false, false, hvm ? DomainType.HVM : DomainType.PV, "", false, 0,
                Map.of());
    }
}
