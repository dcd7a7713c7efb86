package org.jxapi.xenops.qemu.impl;

import java.time.Duration;
import java.util.Optional;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DeviceActionRequest;
import org.jxapi.xenops.spi.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disks and NICs of domains. Before the device model starts, plugging a device only records it
 * (it goes on qemu's command line); afterwards it is hot-plugged over QMP. Unplugging asks the
 * guest to let go ({@code device_del}) and waits for qemu's DEVICE_DELETED; a forced unplug, or one
 * of a device marked {@code surprise-removable}, does not wait for the guest.
 */
final class DeviceOps {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceOps.class);
    private final Hypervisor hv;

    DeviceOps(Hypervisor hv) {
        this.hv = hv;
    }

    private Device device(Domain d, Device.Kind kind, String name) {
        synchronized (d) {
            return d.devices.computeIfAbsent(name, n -> {
                Device x = new Device(kind, n);
                x.qemuId = kind == Device.Kind.VBD ? Disks.deviceId(n) : Nics.deviceId(n);
                return x;
            });
        }
    }

    private Device existing(String vm, String name) {
        Domain d = hv.table.get(vm);
        if (d == null) {
            return null;
        }
        synchronized (d) {
            return d.devices.get(name);
        }
    }

    private static boolean running(Domain d) {
        synchronized (d) {
            return d.hasProcess() && !d.gone && d.qmp != null;
        }
    }

    // VBD

    void vbdSetActive(String vm, Vbd vbd, boolean active) {
        Domain d = hv.table.get(vm);
        if (d == null) {
            return;
        }
        Device dev = device(d, Device.Kind.VBD, vbd.id().device());
        synchronized (d) {
            dev.active = active;
            hv.table.save(d);
        }
    }

    /** Opens the VBD's medium (through the storage multiplexer for a VDI) and plugs it. */
    void vbdPlug(Task task, String vm, Vbd vbd) {
        Domain d = hv.domain(vm);
        Device dev = device(d, Device.Kind.VBD, vbd.id().device());
        synchronized (d) {
            if (dev.plugged) {
                return;
            }
        }
        StorageLink.Medium m = vbd.backend() == null ? null
                : hv.storage.open(task.dbg(), vbd.backend(), dpName(vm, vbd), vm, vbd.mode() == Vbd.Mode.READ_WRITE);
        synchronized (d) {
            dev.cdrom = vbd.type() != Vbd.Type.DISK;
            dev.readOnly = vbd.mode() == Vbd.Mode.READ_ONLY;
            dev.bus = Disks.busFor(vbd);
            dev.ideSlot = Disks.ideSlot(vbd, dev);
            dev.pciSlot = dev.bus.equals("ide") || vbd.position() == null ? -1
                    : Device.slotFor(Device.FIRST_DISK_SLOT, vbd.position().disk());
            dev.throttle.clear();
            dev.throttle.putAll(Disks.throttleOf(vbd));
            setMedium(dev, m);
            dev.needsUnplug = false;
        }
        if (running(d)) {
            try {
                Disks.hotplug(hv.qmp(d), dev);
                if (!dev.throttle.isEmpty()) {
                    Disks.throttle(hv.qmp(d), dev);
                }
            } catch (RuntimeException e) {
                if (m != null) {
                    hv.storage.close(task.dbg(), m, vm);
                }
                synchronized (d) {
                    setMedium(dev, null);
                }
                throw XenopsException.of(XenopsErrorCode.DEVICE_DETACH_REJECTED, "VBD", vbd.id().device(),
                        e.getMessage());
            }
        }
        synchronized (d) {
            dev.plugged = true;
            hv.table.save(d);
        }
    }

    private static String dpName(String vm, Vbd vbd) {
        return "vbd/" + vm + "/" + vbd.id().device();
    }

    private static void setMedium(Device dev, StorageLink.Medium m) {
        dev.path = m == null ? null : m.path();
        dev.format = m == null ? null : m.format();
        dev.dp = m == null ? null : m.dp();
        dev.sr = m == null ? null : m.sr();
        dev.vdi = m == null ? null : m.vdi();
    }

    private static StorageLink.Medium medium(Device dev) {
        return new StorageLink.Medium(dev.path, dev.format, dev.dp, dev.sr, dev.vdi);
    }

    void vbdUnplug(Task task, String vm, Vbd vbd, boolean force) {
        Domain d = hv.table.get(vm);
        Device dev = existing(vm, vbd.id().device());
        if (d == null || dev == null) {
            return;
        }
        synchronized (d) {
            if (!dev.plugged) {
                return;
            }
        }
        boolean surprise = Boolean.parseBoolean(vbd.extraPrivateKeys().getOrDefault("surprise-removable", "false"));
        if (running(d) && !dev.needsUnplug) {
            if (dev.bus.equals("ide")) {
                if (!force) {
                    throw XenopsException.of(XenopsErrorCode.DEVICE_DETACH_REJECTED, "VBD", vbd.id().device(),
                            "emulated IDE devices cannot be unplugged from a running VM");
                }
            } else {
                boolean gone = deleteDevice(task, d, dev, force || surprise);
                if (gone) {
                    Disks.dropNode(hv.qmp(d), dev);
                }
            }
        }
        StorageLink.Medium m;
        synchronized (d) {
            m = medium(dev);
            dev.plugged = false;
            dev.needsUnplug = false;
            setMedium(dev, null);
            hv.table.save(d);
        }
        hv.storage.close(task.dbg(), m, vm);
    }

    /**
     * Asks qemu to remove a guest device and waits for the guest to let go; true if it did. Without
     * {@code noWait} a guest that does not let go in time makes the unplug fail.
     */
    private boolean deleteDevice(Task task, Domain d, Device dev, boolean noWait) {
        synchronized (d) {
            d.deleting.add(dev.qemuId);
        }
        try {
            hv.qmp(d).call("device_del", java.util.Map.of("id", dev.qemuId));
        } catch (QmpException e) {
            synchronized (d) {
                d.deleting.remove(dev.qemuId);
            }
            if ("DeviceNotFound".equals(e.errorClass())) {
                return true;
            }
            throw XenopsException.of(XenopsErrorCode.DEVICE_DETACH_REJECTED, dev.kind.name(), dev.name,
                    e.getMessage());
        }
        Duration limit = noWait ? Duration.ofSeconds(2) : Duration.ofSeconds(hv.settings.unplugTimeoutSeconds());
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (d) {
            while (d.deleting.contains(dev.qemuId) && !d.gone && !task.isCancelling()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                try {
                    d.wait(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!d.deleting.contains(dev.qemuId) || d.gone) {
                return true;
            }
        }
        if (noWait) {
            LOG.info("domain {}: {} still held by the guest; unplugged without waiting", d.domid, dev.qemuId);
            return false;
        }
        task.checkCancelling();
        throw XenopsException.of(XenopsErrorCode.DEVICE_DETACH_REJECTED, dev.kind.name(), dev.name,
                "the guest did not release it within " + limit.toSeconds() + " s");
    }

    void vbdInsert(Task task, String vm, Vbd vbd, Disk disk) {
        Domain d = hv.domain(vm);
        Device dev = existing(vm, vbd.id().device());
        if (dev == null || !dev.plugged) {
            throw XenopsException.of(XenopsErrorCode.DEVICE_NOT_CONNECTED);
        }
        if (dev.hasMedium()) {
            throw XenopsException.of(XenopsErrorCode.MEDIA_PRESENT);
        }
        StorageLink.Medium m = hv.storage.open(task.dbg(), disk, dpName(vm, vbd), vm, false);
        synchronized (d) {
            setMedium(dev, m);
        }
        try {
            if (running(d)) {
                synchronized (d) {
                    d.ownTrayMoves.put(dev.qemuId, Hypervisor.now());
                }
                Disks.insert(hv.qmp(d), dev);
                synchronized (d) {
                    d.ownTrayMoves.put(dev.qemuId, Hypervisor.now());
                }
            }
        } catch (RuntimeException e) {
            synchronized (d) {
                setMedium(dev, null);
            }
            hv.storage.close(task.dbg(), m, vm);
            throw XenopsException.wrap(e);
        }
        hv.save(d);
    }

    void vbdEject(Task task, String vm, Vbd vbd) {
        Domain d = hv.domain(vm);
        Device dev = existing(vm, vbd.id().device());
        if (dev == null || !dev.plugged) {
            throw XenopsException.of(XenopsErrorCode.DEVICE_NOT_CONNECTED);
        }
        if (!dev.hasMedium()) {
            throw XenopsException.of(XenopsErrorCode.MEDIA_NOT_PRESENT);
        }
        if (running(d)) {
            synchronized (d) {
                d.ownTrayMoves.put(dev.qemuId, Hypervisor.now());
            }
            Disks.eject(hv.qmp(d), dev);
            synchronized (d) {
                d.ownTrayMoves.put(dev.qemuId, Hypervisor.now());
            }
        }
        StorageLink.Medium m;
        synchronized (d) {
            m = medium(dev);
            setMedium(dev, null);
            hv.table.save(d);
        }
        hv.storage.close(task.dbg(), m, vm);
    }

    void vbdSetQos(String vm, Vbd vbd) {
        Domain d = hv.table.get(vm);
        Device dev = existing(vm, vbd.id().device());
        if (d == null || dev == null) {
            return;
        }
        synchronized (d) {
            dev.throttle.clear();
            dev.throttle.putAll(Disks.throttleOf(vbd));
            hv.table.save(d);
        }
        if (running(d) && dev.plugged && dev.hasMedium()) {
            Disks.throttle(hv.qmp(d), dev);
        }
    }

    VbdState vbdState(String vm, Vbd vbd) {
        Domain d = hv.table.get(vm);
        Device dev = existing(vm, vbd.id().device());
        if (d == null || dev == null) {
            return VbdState.unplugged();
        }
        synchronized (d) {
            Disk present = null;
            if (dev.hasMedium()) {
                present = dev.sr != null ? Disk.vdi(dev.sr + "/" + dev.vdi) : Disk.local(dev.path);
            }
            return new VbdState(dev.active, dev.plugged, vbd.qos(), present);
        }
    }

    Optional<DeviceActionRequest> vbdRequest(String vm, Vbd vbd) {
        Device dev = existing(vm, vbd.id().device());
        return dev != null && dev.needsUnplug ? Optional.of(DeviceActionRequest.NEEDS_UNPLUG) : Optional.empty();
    }

    // VIF

    void vifSetActive(String vm, Vif vif, boolean active) {
        Domain d = hv.table.get(vm);
        if (d == null) {
            return;
        }
        Device dev = device(d, Device.Kind.VIF, vif.id().device());
        synchronized (d) {
            dev.active = active;
            hv.table.save(d);
        }
    }

    void vifPlug(Task task, String vm, Vif vif) {
        Domain d = hv.domain(vm);
        Device dev = device(d, Device.Kind.VIF, vif.id().device());
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
            dev.bridge = Nics.bridgeOf(vif);
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
                    Nics.bridge(task, dev);
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

    void vifUnplug(Task task, String vm, Vif vif, boolean force) {
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
            // The backend goes at once: a forced unplug cuts the guest's NIC off even if it still holds it.
            Nics.dropNetdev(hv.qmp(d), dev);
        }
        synchronized (d) {
            dev.plugged = false;
            dev.needsUnplug = false;
            hv.table.save(d);
        }
    }

    void vifSetCarrier(String vm, Vif vif, boolean carrier) {
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

    /** Moves a tap-backed NIC to another bridge; a NIC on qemu's user network has no bridge to leave. */
    void vifMove(Task task, String vm, Vif vif, Network network) {
        Domain d = hv.domain(vm);
        Device dev = existing(vm, vif.id().device());
        if (dev == null || !dev.plugged) {
            return;
        }
        String bridge = Nics.bridgeOf(vif.withBackend(network));
        if (!"tap".equals(dev.netdev) || bridge == null) {
            throw XenopsException.unimplemented("VIF.move of a NIC without a tap device or to a missing bridge");
        }
        synchronized (d) {
            dev.bridge = bridge;
        }
        Nics.bridge(task, dev);
        hv.save(d);
    }

    VifState vifState(String vm, Vif vif) {
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

    Optional<DeviceActionRequest> vifRequest(String vm, Vif vif) {
        Device dev = existing(vm, vif.id().device());
        return dev != null && dev.needsUnplug ? Optional.of(DeviceActionRequest.NEEDS_UNPLUG) : Optional.empty();
    }

    void epochBegin(Task task, String vm, Disk disk, boolean persistent) {
        hv.storage.epochBegin(task.dbg(), disk, vm, persistent);
    }

    void epochEnd(Task task, String vm, Disk disk) {
        hv.storage.epochEnd(task.dbg(), disk, vm);
    }
}
