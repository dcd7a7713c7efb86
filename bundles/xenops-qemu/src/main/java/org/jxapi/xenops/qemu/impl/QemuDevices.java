package org.jxapi.xenops.qemu.impl;

import java.time.Duration;

import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What disks and NICs of a domain share. Before the device model starts, plugging a device only
 * records it (it goes on qemu's command line); afterwards it is hot-plugged over QMP. Unplugging
 * asks the guest to let go ({@code device_del}) and waits for qemu's DEVICE_DELETED; a forced
 * unplug, or one of a device marked {@code surprise-removable}, does not wait for the guest.
 */
abstract class QemuDevices {
    private static final Logger LOG = LoggerFactory.getLogger(QemuDevices.class);
    protected final Hypervisor hv;

    QemuDevices(Hypervisor hv) {
        this.hv = hv;
    }

    protected Device device(Domain d, Device.Kind kind, String name) {
        synchronized (d) {
            return d.devices.computeIfAbsent(name, n -> {
                Device x = new Device(kind, n);
                x.qemuId = kind == Device.Kind.VBD ? Disks.deviceId(n) : Nics.deviceId(n);
                return x;
            });
        }
    }

    /** Marks a device of a known domain active or not (VBD.set_active, VIF.set_active); no domain, no change. */
    protected void setActive(String vm, Device.Kind kind, String name, boolean active) {
        Domain d = hv.table.get(vm);
        if (d == null) {
            return;
        }
        Device dev = device(d, kind, name);
        synchronized (d) {
            dev.active = active;
            hv.table.save(d);
        }
    }

    protected Device existing(String vm, String name) {
        Domain d = hv.table.get(vm);
        if (d == null) {
            return null;
        }
        synchronized (d) {
            return d.devices.get(name);
        }
    }

    protected static boolean running(Domain d) {
        synchronized (d) {
            return d.hasProcess() && !d.gone && d.qmp != null;
        }
    }

    /**
     * Asks qemu to remove a guest device and waits for the guest to let go; true if it did. Without
     * {@code noWait} a guest that does not let go in time makes the unplug fail.
     */
    protected boolean deleteDevice(Task task, Domain d, Device dev, boolean noWait) {
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
}
