package org.jxapi.networkd.simulator.impl;

import java.util.HashMap;
import java.util.Map;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.networkd.api.SriovVfConfig;
import org.jxapi.networkd.spi.SriovBackend;

/**
 * SR-IOV of the simulated NICs: every physical NIC can enable its virtual functions through sysfs;
 * a VF is addressed by its physical function's PCI address with another function number.
 */
final class SimulatedSriov implements SriovBackend {
    private final SimulatedHost host;
    private final Map<String, SriovVfConfig> vfs = new HashMap<>();

    SimulatedSriov(SimulatedHost host) {
        this.host = host;
    }

    @Override
    public SriovEnableResult enable(String name) {
        host.change("Sriov.enable " + name, () -> physical(name).sriovEnabled = true);
        return SriovEnableResult.SYSFS_SUCCESSFUL;
    }

    @Override
    public void disable(String name) {
        host.change("Sriov.disable " + name, () -> physical(name).sriovEnabled = false);
    }

    @Override
    public void makeVfConfig(String pciAddress, SriovVfConfig config) {
        host.change("Sriov.make_vf_config " + pciAddress, () -> {
            String slot = pciAddress.contains(".") ? pciAddress.substring(0, pciAddress.lastIndexOf('.')) : pciAddress;
            boolean enabled = host.devices.values().stream()
                    .anyMatch(d -> d.sriovEnabled && d.pciBusPath.startsWith(slot + "."));
            if (!enabled) {
                throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR,
                        "no NIC with SR-IOV enabled has the virtual function " + pciAddress);
            }
            vfs.put(pciAddress, config);
        });
    }

    private Device physical(String name) {
        Device d = host.device(name);
        if (d.type != Device.Type.PHYSICAL) {
            throw NetworkdException.of(NetworkdErrorCode.INTERNAL_ERROR, name + " is not a physical NIC");
        }
        return d;
    }
}
