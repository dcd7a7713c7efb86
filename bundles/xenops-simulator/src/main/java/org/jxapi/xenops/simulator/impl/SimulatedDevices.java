package org.jxapi.xenops.simulator.impl;

import java.util.List;
import java.util.function.Predicate;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;

/**
 * The simulated devices: plugging puts a device into its domain's lists (plug order kept), with
 * the real clashes refused; unplugging what is not plugged is not an error, since a shutdown
 * unplugs every device it knows of. Guarded by the hypervisor's lock.
 */
final class SimulatedDevices {
    private final Hypervisor hv;
    private final DomainTable table;

    SimulatedDevices(Hypervisor hv) {
        this.hv = hv;
        this.table = hv.table();
    }

    private <T> T locked(Hypervisor.Body<T> body) {
        return hv.locked(body);
    }

    private void locked(Runnable body) {
        hv.locked(body);
    }

    private Domain domain(String uuid) {
        return hv.domain(uuid);
    }

    private void save(Domain d) {
        hv.save(d);
    }

    private static <T> T find(List<T> list, Predicate<T> p) {
        for (T t : list) {
            if (p.test(t)) {
                return t;
            }
        }
        return null;
    }

    private static int diskNumber(DeviceNumber n) {
        return n.disk();
    }

    void vbdSetActive(Task task, String vm, Vbd vbd, boolean active) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null) {
                if (active ? d.activeVbds.add(vbd.id().device()) : d.activeVbds.remove(vbd.id().device())) {
                    save(d);
                }
            }
        });
    }

    void vbdAttach(Task task, String vm, Vbd vbd) {
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

    void vbdActivate(Task task, String vm, Vbd vbd) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.vbds, v -> v.id().equals(vbd.id())) == null) {
                throw XenopsException.of(XenopsErrorCode.DEVICE_NOT_CONNECTED);
            }
        });
    }

    /** Unplugging what is not plugged is not an error: shutdown unplugs every device it knows of. */
    void vbdUnplug(Task task, String vm, Vbd vbd, boolean force) {
        vbdDetach(task, vm, vbd);
    }

    void vbdDeactivate(Task task, String vm, Vbd vbd, boolean force) {
    }

    void vbdDetach(Task task, String vm, Vbd vbd) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && d.vbds.removeIf(v -> v.id().equals(vbd.id()))) {
                save(d);
            }
        });
    }

    void vbdInsert(Task task, String vm, Vbd vbd, Disk disk) {
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

    void vbdEject(Task task, String vm, Vbd vbd) {
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

    void vbdSetQos(Task task, String vm, Vbd vbd) {
        locked(() -> {
            pluggedVbd(domain(vm), vbd.id());
        });
    }

    VbdState vbdGetState(String vm, Vbd vbd) {
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

    void vifSetActive(Task task, String vm, Vif vif, boolean active) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && (active ? d.activeVifs.add(vif.id().device()) : d.activeVifs.remove(vif.id().device()))) {
                save(d);
            }
        });
    }

    void vifPlug(Task task, String vm, Vif vif) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.vifs, v -> v.position() == vif.position() || v.id().equals(vif.id())) != null) {
                throw XenopsException.alreadyExists("vif", Integer.toString(vif.position()));
            }
            d.vifs.add(vif);
            save(d);
        });
    }

    void vifUnplug(Task task, String vm, Vif vif, boolean force) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && d.vifs.removeIf(v -> v.id().equals(vif.id()))) {
                save(d);
            }
        });
    }

    private void updateVif(String vm, DeviceId id, boolean mustExist, java.util.function.UnaryOperator<Vif> f) {
        locked(() -> {
            Domain d = table.get(vm);
            Vif v = d == null ? null : find(d.vifs, x -> x.id().equals(id));
            if (v == null) {
                if (mustExist) {
                    throw XenopsException.doesNotExist("VIF", id.toString());
                }
                return;
            }
            d.vifs.set(d.vifs.indexOf(v), f.apply(v));
            save(d);
        });
    }

    void vifMove(Task task, String vm, Vif vif, Network network) {
        updateVif(vm, vif.id(), true, v -> v.withBackend(network));
    }

    void vifSetCarrier(Task task, String vm, Vif vif, boolean carrier) {
        updateVif(vm, vif.id(), false, v -> v.withCarrier(carrier));
    }

    void vifSetLockingMode(Task task, String vm, Vif vif, LockingMode mode) {
        updateVif(vm, vif.id(), false, v -> v.withLockingMode(mode));
    }

    void vifSetIpv4Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        updateVif(vm, vif.id(), false, v -> v.withIpv4Configuration(configuration));
    }

    void vifSetIpv6Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        updateVif(vm, vif.id(), false, v -> v.withIpv6Configuration(configuration));
    }

    void vifSetPvsProxy(Task task, String vm, Vif vif, PvsProxy proxy) {
        updateVif(vm, vif.id(), false, v -> v.withPvsProxy(proxy));
    }

    void vifSetTrunks(Task task, String vm, Vif vif, List<Long> trunks) {
        updateVif(vm, vif.id(), false, v -> v.withTrunks(trunks));
    }

    VifState vifGetState(String vm, Vif vif) {
        return locked(() -> {
            Domain d = table.get(vm);
            if (d == null) {
                return VifState.unplugged();
            }
            boolean plugged = find(d.vifs, x -> x.id().equals(vif.id())) != null;
            return new VifState(d.activeVifs.contains(vif.id().device()), plugged, 0, plugged,
                    plugged ? "vif" + d.domid + "." + vif.position() : null, false);
        });
    }

    void pciPlug(Task task, String vm, Pci pci, boolean qmpAddDevice) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.pcis, p -> p.position() == pci.position() || p.id().equals(pci.id())) != null) {
                throw XenopsException.alreadyExists("pci", Integer.toString(pci.position()));
            }
            d.pcis.add(pci);
            save(d);
        });
    }

    void pciUnplug(Task task, String vm, Pci pci) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && d.pcis.removeIf(p -> p.id().equals(pci.id()))) {
                save(d);
            }
        });
    }

    PciState pciGetState(String vm, Pci pci) {
        return locked(() -> {
            Domain d = table.get(vm);
            return new PciState(d != null && find(d.pcis, p -> p.id().equals(pci.id())) != null);
        });
    }

    void vgpuStart(Task task, String vm, List<Vgpu> vgpus, boolean savedState) {
        locked(() -> {
            Domain d = domain(vm);
            for (Vgpu g : vgpus) {
                if (find(d.vgpus, x -> x.id().equals(g.id())) == null) {
                    d.vgpus.add(g);
                }
            }
            save(d);
        });
    }

    void vgpuSetActive(Task task, String vm, Vgpu vgpu, boolean active) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && (active ? d.activeVgpus.add(vgpu.id().device()) : d.activeVgpus.remove(vgpu.id().device()))) {
                save(d);
            }
        });
    }

    VgpuState vgpuGetState(String vm, Vgpu vgpu) {
        return locked(() -> {
            Domain d = table.get(vm);
            if (d == null) {
                return VgpuState.unplugged();
            }
            return new VgpuState(d.activeVgpus.contains(vgpu.id().device()),
                    find(d.vgpus, x -> x.id().equals(vgpu.id())) != null, null);
        });
    }

    void vusbPlug(Task task, String vm, Vusb vusb) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.vusbs, x -> x.id().equals(vusb.id())) != null) {
                throw XenopsException.alreadyExists("vusb", vusb.id().toString());
            }
            d.vusbs.add(vusb);
            save(d);
        });
    }

    void vusbUnplug(Task task, String vm, Vusb vusb) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && d.vusbs.removeIf(x -> x.id().equals(vusb.id()))) {
                save(d);
            }
        });
    }

    VusbState vusbGetState(String vm, Vusb vusb) {
        return locked(() -> {
            Domain d = table.get(vm);
            return new VusbState(d != null && find(d.vusbs, x -> x.id().equals(vusb.id())) != null);
        });
    }
}
