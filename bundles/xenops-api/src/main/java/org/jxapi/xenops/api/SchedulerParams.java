package org.jxapi.xenops.api;

import java.util.List;

/** Credit scheduler settings: an optional (weight, cap) priority and per-vCPU pCPU affinity. */
public record SchedulerParams(Integer weight, Integer cap, List<List<Integer>> affinity) {
    public SchedulerParams {
        if ((weight == null) != (cap == null)) {
            throw new IllegalArgumentException("weight and cap come together");
        }
        affinity = affinity == null ? List.of() : affinity.stream().map(Copies::list).toList();
    }

    public static SchedulerParams none() {
        return new SchedulerParams(null, null, List.of());
    }
}
