package org.jxapi.xenops.qemu.impl;

import java.util.Optional;

import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DeviceActionRequest;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.VifBackend;

/**
 * The VIF part of the qemu backend: a NIC on a tap device in its bridge, or on qemu's user network
 * when the configuration allows a NIC without a bridge. Where the bound networkd instance manages
 * the bridge ({@link SwitchPorts}), networkd plugs, unplugs, locks and moves the tap; elsewhere the
 * tap is made a Linux bridge's port with ip link and locking is not enforced. IP configuration
 * belongs to the guest, so it is accepted for a domain that exists and changes nothing here.
 */
final class QemuVifs extends QemuDevices implements VifBackend {
    QemuVifs(Hypervisor hv) {
        super(hv);
    }

    @Override
    public void setActive(Task task, String vm, Vif vif, boolean active) {
        setActive(vm, Device.Kind.VIF, vif.id().device(), active);
    }

    @Override
    public void plug(Task task, String vm, Vif vif) {
        Domain d = hv.domain(vm);
        Device dev = device(d, Device.Kind.VIF, vif.id().device());
        // Asked outside the domain's lock: it is a call to another service.
        boolean managed = hv.ports.manages(Nics.bridgeName(vif));
        synchronized (d) {
            if (dev.plugged) {
                return;
            }
            dev.mac = vif.mac();
            dev.pciSlot = Device.slotFor(Device.FIRST_NIC_SLOT, vif.position());
            dev.carrier = vif.carrier();
            dev.needsUnplug = false;
            try {
                dev.model = Nics.modelOf(vif);
            } catch (IllegalArgumentException e) {
                throw XenopsException.internal(e.getMessage());
            }
            SwitchPorts.record(dev, vif);
            dev.switchManaged = managed;
            dev.bridge = managed ? Nics.bridgeName(vif) : Nics.bridgeOf(vif);
            if (dev.bridge != null) {
                dev.netdev = "tap";
                dev.tap = Nics.tapName(d.domid, vif);
            } else if (hv.settings.nicWithoutBridge().equals("user")) {
                dev.netdev = "user";
                dev.tap = null;
            } else {
                throw XenopsException.internal("bridge " + vif.backend().name() + " of VIF " + vif.id()
                        + " does not exist");
            }
        }
        if (running(d)) {
            try {
                Nics.hotplug(hv.qmp(d), dev);
                if (dev.bridge != null) {
                    Nics.attach(task, hv.ports, vm, dev);
                }
            } catch (QmpException e) {
                throw XenopsException.internal("cannot plug VIF " + vif.id() + ": " + e.getMessage());
            }
        }
        synchronized (d) {
            dev.plugged = true;
            hv.table.save(d);
        }
        if (running(d) && !dev.carrier) {
            Nics.setLink(hv.qmp(d), dev, false);
        }
    }

    @Override
    public void unplug(Task task, String vm, Vif vif, boolean force) {
        Domain d = hv.table.get(vm);
        Device dev = existing(vm, vif.id().device());
        if (d == null || dev == null) {
            return;
        }
        synchronized (d) {
            if (!dev.plugged) {
                return;
            }
        }
        boolean surprise = Boolean.parseBoolean(vif.otherConfig().getOrDefault("surprise-removable", "false"));
        if (running(d)) {
            if (!dev.needsUnplug) {
                deleteDevice(task, d, dev, force || surprise);
            }
            if (dev.switchManaged) {
                hv.ports.unplug(dev);
            }
            // The backend goes at once: a forced unplug cuts the guest's NIC off even if it still holds it.
            Nics.dropNetdev(hv.qmp(d), dev);
        }
        synchronized (d) {
            dev.plugged = false;
            dev.needsUnplug = false;
            hv.table.save(d);
        }
    }

    @Override
    public void setCarrier(Task task, String vm, Vif vif, boolean carrier) {
        Domain d = hv.domain(vm);
        Device dev = existing(vm, vif.id().device());
        if (dev == null || !dev.plugged) {
            throw XenopsException.of(XenopsErrorCode.DEVICE_NOT_CONNECTED);
        }
        if (running(d)) {
            Nics.setLink(hv.qmp(d), dev, carrier);
        }
        synchronized (d) {
            dev.carrier = carrier;
            hv.table.save(d);
        }
    }

    /**
     * Moves a tap-backed NIC to another bridge (through networkd where it manages the new one); a NIC
     * on qemu's user network has no bridge to leave.
     */
    @Override
    public void move(Task task, String vm, Vif vif, Network network) {
        Domain d = hv.domain(vm);
        Device dev = existing(vm, vif.id().device());
        if (dev == null || !dev.plugged) {
            return;
        }
        Vif moved = vif.withBackend(network);
        boolean managed = hv.ports.manages(Nics.bridgeName(moved));
        String bridge = managed ? Nics.bridgeName(moved) : Nics.bridgeOf(moved);
        if (!"tap".equals(dev.netdev) || bridge == null) {
            throw XenopsException.unimplemented("VIF.move of a NIC without a tap device or to a missing bridge");
        }
        String from;
        boolean wasManaged;
        synchronized (d) {
            from = dev.bridge;
            wasManaged = dev.switchManaged;
            dev.bridge = bridge;
            dev.switchManaged = managed;
        }
        if (managed) {
            if (running(d)) {
                hv.ports.move(vm, dev, wasManaged ? from : null);
            }
        } else {
            if (wasManaged) {
                Device old = new Device(Device.Kind.VIF, dev.name);
                old.bridge = from;
                old.tap = dev.tap;
                hv.ports.unplug(old);
            }
            Nics.bridge(task, dev);
        }
        hv.save(d);
    }

    /** Locking is networkd's where it manages the tap's bridge; elsewhere nothing here enforces it. */
    @Override
    public void setLockingMode(Task task, String vm, Vif vif, LockingMode mode) {
        Domain d = hv.domain(vm);
        Device dev = existing(vm, vif.id().device());
        if (dev == null) {
            return;
        }
        boolean apply;
        synchronized (d) {
            dev.locking = mode;
            apply = dev.plugged && dev.switchManaged && "tap".equals(dev.netdev);
            hv.table.save(d);
        }
        if (apply && running(d)) {
            hv.ports.setLocking(dev);
        }
    }

    @Override
    public void setIpv4Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        hv.domain(vm);
    }

    @Override
    public void setIpv6Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        hv.domain(vm);
    }

    @Override
    public VifState getState(String vm, Vif vif) {
        Domain d = hv.table.get(vm);
        Device dev = existing(vm, vif.id().device());
        if (d == null || dev == null) {
            return VifState.unplugged();
        }
        synchronized (d) {
            return new VifState(dev.active, dev.plugged, 0, dev.plugged && dev.carrier,
                    dev.tap != null ? dev.tap : dev.qemuId, false);
        }
    }

    @Override
    public Optional<DeviceActionRequest> getDeviceActionRequest(String vm, Vif vif) {
        Device dev = existing(vm, vif.id().device());
        return dev != null && dev.needsUnplug ? Optional.of(DeviceActionRequest.NEEDS_UNPLUG) : Optional.empty();
    }
}
