package org.jxapi.networkd.spi;

import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.networkd.api.SriovVfConfig;
import org.osgi.annotation.versioning.ConsumerType;

/** SR-IOV virtual functions of a physical NIC. */
@ConsumerType
public interface SriovBackend {
    default SriovEnableResult enable(String name) {
        throw NetworkdException.notImplemented("Sriov.enable");
    }

    default void disable(String name) {
        throw NetworkdException.notImplemented("Sriov.disable");
    }

    default void makeVfConfig(String pciAddress, SriovVfConfig config) {
        throw NetworkdException.notImplemented("Sriov.make_vf_config");
    }
}
