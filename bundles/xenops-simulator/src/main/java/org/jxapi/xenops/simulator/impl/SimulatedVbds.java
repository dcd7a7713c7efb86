package org.jxapi.xenops.simulator.impl;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.VbdBackend;

/**
 * The simulated VBDs: attaching puts a disk into its domain's list (plug order kept, a free
 * position assigned), with the real clashes refused; unplugging what is not plugged is not an
 * error, since a shutdown unplugs every device it knows of.
 */
final class SimulatedVbds extends SimulatedPart implements VbdBackend {
    SimulatedVbds(Hypervisor hv) {
        super(hv);
    }

    private static int diskNumber(DeviceNumber n) {
        return n.disk();
    }

    @Override
    public void setActive(Task task, String vm, Vbd vbd, boolean active) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null) {
                if (active ? d.activeVbds.add(vbd.id().device()) : d.activeVbds.remove(vbd.id().device())) {
                    save(d);
                }
            }
        });
    }

    @Override
    public void attach(Task task, String vm, Vbd vbd) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.vbds, v -> v.id().equals(vbd.id())) != null) {
                throw XenopsException.alreadyExists("vbd", vbd.id().toString());
            }
            int next = d.vbds.stream().mapToInt(v -> diskNumber(v.position())).max().orElse(-1) + 1;
            DeviceNumber position = vbd.position() != null ? vbd.position() : DeviceNumber.ofDiskNumber(d.hvm, next);
            if (find(d.vbds, v -> v.position().disk() == position.disk()) != null) {
                throw XenopsException.alreadyExists("vbd", position.linuxDevice());
            }
            d.vbds.add(vbd.withPosition(position));
            save(d);
        });
    }

    @Override
    public void activate(Task task, String vm, Vbd vbd) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.vbds, v -> v.id().equals(vbd.id())) == null) {
                throw XenopsException.of(XenopsErrorCode.DEVICE_NOT_CONNECTED);
            }
        });
    }

    /** Unplugging what is not plugged is not an error: shutdown unplugs every device it knows of. */
    @Override
    public void unplug(Task task, String vm, Vbd vbd, boolean force) {
        detach(task, vm, vbd);
    }

    @Override
    public void deactivate(Task task, String vm, Vbd vbd, boolean force) {
    }

    @Override
    public void detach(Task task, String vm, Vbd vbd) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && d.vbds.removeIf(v -> v.id().equals(vbd.id()))) {
                save(d);
            }
        });
    }

    @Override
    public void insert(Task task, String vm, Vbd vbd, Disk disk) {
        locked(() -> {
            Domain d = domain(vm);
            Vbd plugged = pluggedVbd(d, vbd.id());
            if (plugged.backend() != null) {
                throw XenopsException.of(XenopsErrorCode.MEDIA_PRESENT);
            }
            d.vbds.set(d.vbds.indexOf(plugged), plugged.withBackend(disk));
            save(d);
        });
    }

    @Override
    public void eject(Task task, String vm, Vbd vbd) {
        locked(() -> {
            Domain d = domain(vm);
            Vbd plugged = pluggedVbd(d, vbd.id());
            if (plugged.backend() == null) {
                throw XenopsException.of(XenopsErrorCode.MEDIA_NOT_PRESENT);
            }
            d.vbds.set(d.vbds.indexOf(plugged), plugged.withBackend(null));
            save(d);
        });
    }

    private static Vbd pluggedVbd(Domain d, DeviceId id) {
        Vbd v = find(d.vbds, x -> x.id().equals(id));
        if (v == null) {
            throw XenopsException.doesNotExist("VBD", id.toString());
        }
        return v;
    }

    @Override
    public void setQos(Task task, String vm, Vbd vbd) {
        locked(() -> {
            pluggedVbd(domain(vm), vbd.id());
        });
    }

    @Override
    public VbdState getState(String vm, Vbd vbd) {
        return locked(() -> {
            Domain d = table.get(vm);
            if (d == null) {
                return VbdState.unplugged();
            }
            Vbd v = find(d.vbds, x -> x.id().equals(vbd.id()));
            return new VbdState(d.activeVbds.contains(vbd.id().device()), v != null, v == null ? null : v.qos(),
                    v == null ? null : v.backend());
        });
    }
}
