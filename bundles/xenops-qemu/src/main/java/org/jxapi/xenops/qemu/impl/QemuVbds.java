package org.jxapi.xenops.qemu.impl;

import java.util.Optional;

import org.jxapi.storage.api.DatapathNames;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DeviceActionRequest;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.VbdBackend;

/**
 * The VBD part of the qemu backend: a disk's medium is opened through the storage multiplexer (a
 * VDI) or used as it is (a local path), then given to qemu as a block node and a guest device.
 * Attach and activate are one step here, as are deactivate and unplug: qemu has no backend half
 * to prepare apart from the guest's device.
 */
final class QemuVbds extends QemuDevices implements VbdBackend {
    QemuVbds(Hypervisor hv) {
        super(hv);
    }

    @Override
    public void setActive(Task task, String vm, Vbd vbd, boolean active) {
        setActive(vm, Device.Kind.VBD, vbd.id().device(), active);
    }

    /** Opens the VBD's medium (through the storage multiplexer for a VDI) and plugs it. */
    @Override
    public void attach(Task task, String vm, Vbd vbd) {
        plug(task, vm, vbd);
    }

    /** Already plugged by {@link #attach}: qemu has nothing to activate separately. */
    @Override
    public void activate(Task task, String vm, Vbd vbd) {
        plug(task, vm, vbd);
    }

    private void plug(Task task, String vm, Vbd vbd) {
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
        return DatapathNames.vbd(vm, vbd.id().device());
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

    @Override
    public void unplug(Task task, String vm, Vbd vbd, boolean force) {
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

    @Override
    public void deactivate(Task task, String vm, Vbd vbd, boolean force) {
        unplug(task, vm, vbd, force);
    }

    /** What {@link #unplug} left is let go of now, whether or not the guest has. */
    @Override
    public void detach(Task task, String vm, Vbd vbd) {
        unplug(task, vm, vbd, true);
    }

    @Override
    public void insert(Task task, String vm, Vbd vbd, Disk disk) {
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

    @Override
    public void eject(Task task, String vm, Vbd vbd) {
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

    @Override
    public void setQos(Task task, String vm, Vbd vbd) {
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

    @Override
    public VbdState getState(String vm, Vbd vbd) {
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

    @Override
    public Optional<DeviceActionRequest> getDeviceActionRequest(String vm, Vbd vbd) {
        Device dev = existing(vm, vbd.id().device());
        return dev != null && dev.needsUnplug ? Optional.of(DeviceActionRequest.NEEDS_UNPLUG) : Optional.empty();
    }

    @Override
    public void epochBegin(Task task, String vm, Disk disk, boolean persistent) {
        hv.storage.epochBegin(task.dbg(), disk, vm, persistent);
    }

    @Override
    public void epochEnd(Task task, String vm, Disk disk) {
        hv.storage.epochEnd(task.dbg(), disk, vm);
    }
}
