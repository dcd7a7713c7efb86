package org.jxapi.xenops.server.impl;

import java.util.HexFormat;
import java.util.List;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.IpConfiguration;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.PciAddress;
import org.jxapi.xenops.api.PciState;
import org.jxapi.xenops.api.PvsProxy;
import org.jxapi.xenops.api.Stat;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.VbdState;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.VgpuState;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.VifState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.VusbState;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.server.impl.Atom.*;
import org.jxapi.xenops.server.impl.Operation.*;
import org.jxapi.xenops.spi.XenopsBackend;

/**
 * The device calls of {@link Xenops} (PCI, VBD, VUSB, VIF, VGPU): adding and removing them in the
 * metadata, and queueing their operations on their VM's queue.
 */
abstract class XenopsDeviceCalls implements Xenops {
    protected final Engine engine;
    protected final XenopsBackend b;
    protected final MetadataStore store;

    XenopsDeviceCalls(Engine engine) {
        this.engine = engine;
        this.b = engine.backend();
        this.store = engine.store();
    }

    protected String task(String dbg, Operation op) {
        return engine.queue(dbg, op).id();
    }

    protected void requireVm(String vm) {
        if (!store.exists(vm)) {
            throw XenopsException.doesNotExist("VM", vm);
        }
    }

    @Override
    public DeviceId pciAdd(String dbg, Pci pci) {
        requireVm(pci.id().vm());
        store.putPci(pci);
        engine.signalDevice(DynamicId.Kind.PCI, pci.id());
        return pci.id();
    }

    @Override
    public void pciRemove(String dbg, DeviceId id) {
        Pci pci = store.pciExn(id);
        if (b.pci().getState(id.vm(), pci).plugged()) {
            throw XenopsException.deviceIsConnected();
        }
        store.removePci(id);
        engine.updates().remove(DynamicId.device(DynamicId.Kind.PCI, id));
    }

    @Override
    public Stat<Pci, PciState> pciStat(String dbg, DeviceId id) {
        Pci pci = store.pciExn(id);
        return new Stat<>(pci, b.pci().getState(id.vm(), pci));
    }

    @Override
    public List<Stat<Pci, PciState>> pciList(String dbg, String vm) {
        return store.pcis(vm).stream().map(p -> new Stat<>(p, b.pci().getState(vm, p))).toList();
    }

    @Override
    public void pciDequarantine(String dbg, PciAddress address) {
        b.pci().dequarantine(address);
    }

    @Override
    public DeviceId vbdAdd(String dbg, Vbd vbd) {
        requireVm(vbd.id().vm());
        store.putVbd(vbd);
        engine.signalDevice(DynamicId.Kind.VBD, vbd.id());
        return vbd.id();
    }

    @Override
    public String vbdPlug(String dbg, DeviceId id) {
        store.vbdExn(id);
        return task(dbg, new VbdHotplug(id));
    }

    @Override
    public String vbdUnplug(String dbg, DeviceId id, boolean force) {
        store.vbdExn(id);
        return task(dbg, new VbdHotunplug(id, force));
    }

    @Override
    public String vbdEject(String dbg, DeviceId id) {
        store.vbdExn(id);
        return task(dbg, new AtomicOp(new VbdEject(id)));
    }

    @Override
    public String vbdInsert(String dbg, DeviceId id, Disk disk) {
        store.vbdExn(id);
        return task(dbg, new AtomicOp(new VbdInsert(id, disk)));
    }

    @Override
    public Stat<Vbd, VbdState> vbdStat(String dbg, DeviceId id) {
        Vbd vbd = store.vbdExn(id);
        return new Stat<>(vbd, b.vbd().getState(id.vm(), vbd));
    }

    @Override
    public List<Stat<Vbd, VbdState>> vbdList(String dbg, String vm) {
        return store.vbds(vm).stream().map(v -> new Stat<>(v, b.vbd().getState(vm, v))).toList();
    }

    @Override
    public void vbdRemove(String dbg, DeviceId id) {
        Vbd vbd = store.vbdExn(id);
        if (b.vbd().getState(id.vm(), vbd).plugged()) {
            throw XenopsException.deviceIsConnected();
        }
        store.removeVbd(id);
        engine.updates().remove(DynamicId.device(DynamicId.Kind.VBD, id));
    }

    @Override
    public DeviceId vusbAdd(String dbg, Vusb vusb) {
        requireVm(vusb.id().vm());
        store.putVusb(vusb);
        engine.signalDevice(DynamicId.Kind.VUSB, vusb.id());
        return vusb.id();
    }

    @Override
    public String vusbPlug(String dbg, DeviceId id) {
        store.vusbExn(id);
        return task(dbg, new AtomicOp(new VusbPlug(id)));
    }

    @Override
    public String vusbUnplug(String dbg, DeviceId id) {
        store.vusbExn(id);
        return task(dbg, new AtomicOp(new VusbUnplug(id)));
    }

    @Override
    public Stat<Vusb, VusbState> vusbStat(String dbg, DeviceId id) {
        Vusb v = store.vusbExn(id);
        return new Stat<>(v, b.vusb().getState(id.vm(), v));
    }

    @Override
    public List<Stat<Vusb, VusbState>> vusbList(String dbg, String vm) {
        return store.vusbs(vm).stream().map(v -> new Stat<>(v, b.vusb().getState(vm, v))).toList();
    }

    @Override
    public void vusbRemove(String dbg, DeviceId id) {
        Vusb v = store.vusbExn(id);
        if (b.vusb().getState(id.vm(), v).plugged()) {
            throw XenopsException.deviceIsConnected();
        }
        store.removeVusb(id);
        engine.updates().remove(DynamicId.device(DynamicId.Kind.VUSB, id));
    }

    /** A MAC address derived from the VM and position, locally administered, stable across calls. */
    static String localMac(String vm, int position) {
        byte[] h;
        try {
            h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((vm + "/" + position).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        h[0] = (byte) ((h[0] & 0xfc) | 0x02);
        return HexFormat.ofDelimiter(":").formatHex(h, 0, 6);
    }

    @Override
    public DeviceId vifAdd(String dbg, Vif vif) {
        requireVm(vif.id().vm());
        Vif v = vif;
        if (vif.mac().equals("random")) {
            v = vif.withMac(localMac(java.util.UUID.randomUUID().toString(), vif.position()));
        } else if (vif.mac().isEmpty()) {
            v = vif.withMac(localMac(vif.id().vm(), vif.position()));
        }
        store.putVif(v);
        engine.signalDevice(DynamicId.Kind.VIF, v.id());
        return v.id();
    }

    @Override
    public String vifPlug(String dbg, DeviceId id) {
        store.vifExn(id);
        return task(dbg, new VifHotplug(id));
    }

    @Override
    public String vifUnplug(String dbg, DeviceId id, boolean force) {
        store.vifExn(id);
        return task(dbg, new VifHotunplug(id, force));
    }

    @Override
    public String vifMove(String dbg, DeviceId id, Network network) {
        store.vifExn(id);
        return task(dbg, new AtomicOp(new VifMove(id, network)));
    }

    @Override
    public Stat<Vif, VifState> vifStat(String dbg, DeviceId id) {
        Vif v = store.vifExn(id);
        return new Stat<>(v, b.vif().getState(id.vm(), v));
    }

    @Override
    public List<Stat<Vif, VifState>> vifList(String dbg, String vm) {
        return store.vifs(vm).stream().map(v -> new Stat<>(v, b.vif().getState(vm, v))).toList();
    }

    @Override
    public void vifRemove(String dbg, DeviceId id) {
        Vif v = store.vifExn(id);
        if (b.vif().getState(id.vm(), v).plugged()) {
            throw XenopsException.deviceIsConnected();
        }
        store.removeVif(id);
        engine.updates().remove(DynamicId.device(DynamicId.Kind.VIF, id));
    }

    @Override
    public String vifSetCarrier(String dbg, DeviceId id, boolean carrier) {
        store.vifExn(id);
        return task(dbg, new AtomicOp(new VifSetCarrier(id, carrier)));
    }

    @Override
    public String vifSetLockingMode(String dbg, DeviceId id, LockingMode mode) {
        store.vifExn(id);
        return task(dbg, new AtomicOp(new VifSetLockingMode(id, mode)));
    }

    @Override
    public String vifSetIpv4Configuration(String dbg, DeviceId id, IpConfiguration configuration) {
        store.vifExn(id);
        return task(dbg, new AtomicOp(new VifSetIpv4Configuration(id, configuration)));
    }

    @Override
    public String vifSetIpv6Configuration(String dbg, DeviceId id, IpConfiguration configuration) {
        store.vifExn(id);
        return task(dbg, new AtomicOp(new VifSetIpv6Configuration(id, configuration)));
    }

    @Override
    public String vifSetPvsProxy(String dbg, DeviceId id, PvsProxy proxy) {
        store.vifExn(id);
        return task(dbg, new AtomicOp(new VifSetPvsProxy(id, proxy)));
    }

    @Override
    public String vifSetTrunks(String dbg, DeviceId id, List<Long> trunks) {
        store.vifExn(id);
        return task(dbg, new AtomicOp(new VifSetTrunks(id, List.copyOf(trunks))));
    }

    @Override
    public DeviceId vgpuAdd(String dbg, Vgpu vgpu) {
        requireVm(vgpu.id().vm());
        store.putVgpu(vgpu);
        engine.signalDevice(DynamicId.Kind.VGPU, vgpu.id());
        return vgpu.id();
    }

    @Override
    public Stat<Vgpu, VgpuState> vgpuStat(String dbg, DeviceId id) {
        Vgpu v = store.vgpuExn(id);
        return new Stat<>(v, b.vgpu().getState(id.vm(), v));
    }

    @Override
    public List<Stat<Vgpu, VgpuState>> vgpuList(String dbg, String vm) {
        return store.vgpus(vm).stream().map(v -> new Stat<>(v, b.vgpu().getState(vm, v))).toList();
    }

    @Override
    public void vgpuRemove(String dbg, DeviceId id) {
        Vgpu v = store.vgpuExn(id);
        if (b.vgpu().getState(id.vm(), v).plugged()) {
            throw XenopsException.deviceIsConnected();
        }
        store.removeVgpu(id);
        engine.updates().remove(DynamicId.device(DynamicId.Kind.VGPU, id));
    }

}
