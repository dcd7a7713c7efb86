package org.jxapi.xenops.spi;

import java.util.List;
import java.util.Optional;

import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.XenopsException;
import org.osgi.annotation.versioning.ConsumerType;

/** The original's {@code module VIF}: a VM's network interfaces. */
@ConsumerType
public interface VifBackend {
    default void setActive(Task task, String vm, Vif vif, boolean active) {
    }

    default void plug(Task task, String vm, Vif vif) {
        throw XenopsException.unimplemented("VIF.plug");
    }

    default void unplug(Task task, String vm, Vif vif, boolean force) {
        throw XenopsException.unimplemented("VIF.unplug");
    }

    default void move(Task task, String vm, Vif vif, Network network) {
        throw XenopsException.unimplemented("VIF.move");
    }

    default void setCarrier(Task task, String vm, Vif vif, boolean carrier) {
        throw XenopsException.unimplemented("VIF.set_carrier");
    }

    default void setLockingMode(Task task, String vm, Vif vif, LockingMode mode) {
        throw XenopsException.unimplemented("VIF.set_locking_mode");
    }

    default void setIpv4Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        throw XenopsException.unimplemented("VIF.set_ipv4_configuration");
    }

    default void setIpv6Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        throw XenopsException.unimplemented("VIF.set_ipv6_configuration");
    }

    default void setPvsProxy(Task task, String vm, Vif vif, PvsProxy proxy) {
        throw XenopsException.unimplemented("VIF.set_pvs_proxy");
    }

    default void setTrunks(Task task, String vm, Vif vif, List<Long> trunks) {
        throw XenopsException.unimplemented("VIF.set_trunks");
    }

    default VifState getState(String vm, Vif vif) {
        return VifState.unplugged();
    }

    default Optional<DeviceActionRequest> getDeviceActionRequest(String vm, Vif vif) {
        return Optional.empty();
    }
}
