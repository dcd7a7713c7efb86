package org.jxapi.xenops.simulator.impl;

import java.util.List;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.VifBackend;

/** The simulated VIFs: one per position; their settings are kept on the plugged VIF. */
final class SimulatedVifs extends SimulatedPart implements VifBackend {
    SimulatedVifs(Hypervisor hv) {
        super(hv);
    }

    @Override
    public void setActive(Task task, String vm, Vif vif, boolean active) {
        locked(() -> {
            Domain d = table.get(vm);
            if (d != null && (active ? d.activeVifs.add(vif.id().device()) : d.activeVifs.remove(vif.id().device()))) {
                save(d);
            }
        });
    }

    @Override
    public void plug(Task task, String vm, Vif vif) {
        locked(() -> {
            Domain d = domain(vm);
            if (find(d.vifs, v -> v.position() == vif.position() || v.id().equals(vif.id())) != null) {
                throw XenopsException.alreadyExists("vif", Integer.toString(vif.position()));
            }
            d.vifs.add(vif);
            save(d);
        });
    }

    @Override
    public void unplug(Task task, String vm, Vif vif, boolean force) {
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

    @Override
    public void move(Task task, String vm, Vif vif, Network network) {
        updateVif(vm, vif.id(), true, v -> v.withBackend(network));
    }

    @Override
    public void setCarrier(Task task, String vm, Vif vif, boolean carrier) {
        updateVif(vm, vif.id(), false, v -> v.withCarrier(carrier));
    }

    @Override
    public void setLockingMode(Task task, String vm, Vif vif, LockingMode mode) {
        updateVif(vm, vif.id(), false, v -> v.withLockingMode(mode));
    }

    @Override
    public void setIpv4Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        updateVif(vm, vif.id(), false, v -> v.withIpv4Configuration(configuration));
    }

    @Override
    public void setIpv6Configuration(Task task, String vm, Vif vif, IpConfiguration configuration) {
        updateVif(vm, vif.id(), false, v -> v.withIpv6Configuration(configuration));
    }

    @Override
    public void setPvsProxy(Task task, String vm, Vif vif, PvsProxy proxy) {
        updateVif(vm, vif.id(), false, v -> v.withPvsProxy(proxy));
    }

    @Override
    public void setTrunks(Task task, String vm, Vif vif, List<Long> trunks) {
        updateVif(vm, vif.id(), false, v -> v.withTrunks(trunks));
    }

    @Override
    public VifState getState(String vm, Vif vif) {
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
}
