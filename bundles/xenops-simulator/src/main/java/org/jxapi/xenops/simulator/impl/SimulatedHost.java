package org.jxapi.xenops.simulator.impl;

import org.jxapi.xenops.api.Host;
import org.jxapi.xenops.spi.HostBackend;

/** The simulated host: as many CPUs as this machine, a terabyte of memory. */
final class SimulatedHost implements HostBackend {
    @Override
    public Host stat() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new Host(new Host.CpuInfo(cpus, 1, 1, 1, "simulated", "", "jxapi simulated CPU", "", "", "", "", "",
                "", "", "", ""), "simulator", "hvm-3.0-x86_64", false, true);
    }

    @Override
    public String getConsoleData() {
        return "Xen simulator";
    }

    @Override
    public long getTotalMemoryMib() {
        return 1024L * 1024L;
    }
}
