package org.jxapi.xenops.server.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleConsumer;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.server.impl.Atom.*;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.XenopsBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs micro-ops for one task. Every atom starts at a cancellation point, so an operation
 * can be cancelled between any two of its steps; groups run their members in parallel on the
 * engine's helper threads or in series.
 */
final class AtomRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AtomRunner.class);
    /** The original runs at most this many atoms of a parallel group at once. */
    static final int MAX_PARALLEL_ATOMS = 10;

    private final Engine engine;
    private final XenopsBackend b;
    private final MetadataStore store;
    private final TaskHandle t;
    private final DoubleConsumer progress;
    private Object result;

    AtomRunner(Engine engine, TaskHandle task, DoubleConsumer progress) {
        this.engine = engine;
        this.b = engine.backend();
        this.store = engine.store();
        this.t = task;
        this.progress = progress;
    }

    Object result() {
        return result;
    }

    void perform(Atom a) {
        t.checkCancelling();
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}|task {}] performing {}", t.dbg(), t.id(), Atom.describe(a));
        }
        a.perform(this);
    }

    private Vm vm(String id) {
        return store.vmExn(id);
    }

    // groups

    void serial(Serial s) {
        for (Atom a : s.atoms()) {
            perform(a);
        }
    }

    void parallel(Parallel p) {
        List<Atom> atoms = p.atoms();
        t.log("begin " + p.description());
        XenopsException first = null;
        for (int from = 0; from < atoms.size(); from += MAX_PARALLEL_ATOMS) {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (Atom a : atoms.subList(from, Math.min(atoms.size(), from + MAX_PARALLEL_ATOMS))) {
                AtomRunner child = new AtomRunner(engine, t, x -> { });
                running.add(CompletableFuture.runAsync(() -> child.perform(a), engine.parallelExecutor()));
            }
            for (CompletableFuture<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = XenopsException.wrap(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw XenopsException.cancelled(t.id());
                }
            }
            if (first != null) {
                throw first;
            }
        }
        t.log("end " + p.description());
    }

    void bestEffort(BestEffort be) {
        try {
            perform(be.atom());
        } catch (XenopsException e) {
            if (e.errorCode() == XenopsErrorCode.CANCELLED) {
                throw e;
            }
            LOG.debug("ignoring failure of best-effort {}: {}", Atom.describe(be.atom()), e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("ignoring failure of best-effort {}: {}", Atom.describe(be.atom()), e.toString());
        }
    }

    // VM

    void hookScript(VmHookScript h) {
        engine.hooks().run(t, h.hook(), h.reason(), h.vm(), b.vm().getHookArgs(h.vm()));
    }

    void vmRemove(VmRemove r) {
        Vm vm = vm(r.vm());
        PowerState power = b.vm().getState(vm).powerState();
        if (power == PowerState.RUNNING || power == PowerState.PAUSED) {
            throw XenopsException.badPowerState(power, PowerState.HALTED);
        }
        b.vm().remove(vm);
        engine.forgetVm(r.vm());
    }

    void vmSetXsdata(VmSetXsdata a) {
        b.vm().setXsdata(t, vm(a.vm()), a.xsdata());
    }

    void vmSetVcpus(VmSetVcpus a) {
        Vm vm = vm(a.vm());
        if (a.vcpus() <= 0 || a.vcpus() > vm.vcpuMax()) {
            throw XenopsException.invalidVcpus(vm.vcpuMax());
        }
        b.vm().setVcpus(t, vm, a.vcpus());
    }

    void vmSetShadowMultiplier(VmSetShadowMultiplier a) {
        b.vm().setShadowMultiplier(t, vm(a.vm()), a.multiplier());
        engine.signalVm(a.vm());
    }

    void vmSetMemoryDynamicRange(VmSetMemoryDynamicRange a) {
        b.vm().setMemoryDynamicRange(t, vm(a.vm()), a.min(), a.max());
        engine.signalVm(a.vm());
    }

    void vmPause(VmPause a) {
        b.vm().pause(t, vm(a.vm()));
        engine.signalVm(a.vm());
    }

    void vmUnpause(VmUnpause a) {
        Vm vm = vm(a.vm());
        if (b.vm().getState(vm).powerState() == PowerState.PAUSED) {
            b.vm().unpause(t, vm);
            engine.signalVm(a.vm());
        } else {
            t.log("VM " + a.vm() + " is not paused");
        }
    }

    void vmSoftreboot(VmSoftreboot a) {
        b.vm().softReset(t, vm(a.vm()));
    }

    void vmRequestRdp(VmRequestRdp a) {
        b.vm().requestRdp(vm(a.vm()), a.enabled());
    }

    void vmRunScript(VmRunScript a) {
        result = b.vm().runScript(t, vm(a.vm()), a.script());
        engine.signalVm(a.vm());
    }

    void vmSetDomainActionRequest(VmSetDomainActionRequest a) {
        b.vm().setDomainActionRequest(vm(a.vm()), a.request());
    }

    void vmCreateDeviceModel(VmCreateDeviceModel a) {
        String id = a.vm();
        b.vm().createDeviceModel(t, vm(id), store.vbds(id), store.vifs(id), store.vgpus(id), store.vusbs(id),
                a.saveState());
        store.vgpus(id).forEach(g -> engine.signalDevice(DynamicId.Kind.VGPU, g.id()));
        store.vusbs(id).forEach(u -> engine.signalDevice(DynamicId.Kind.VUSB, u.id()));
    }

    void vmDestroyDeviceModel(VmDestroyDeviceModel a) {
        b.vm().destroyDeviceModel(t, vm(a.vm()));
    }

    void vmDestroy(VmDestroy a) {
        b.vm().destroy(t, vm(a.vm()));
    }

    void vmCreate(VmCreate a) {
        Vm vm = vm(a.vm());
        if (a.resume() && store.extra(a.vm()) != null) {
            // A resumed domain comes back with the configuration it was suspended with.
            vm = store.extra(a.vm());
        } else {
            store.putExtra(a.vm(), vm);
        }
        b.vm().create(t, a.memoryUpperBound(), vm, a.finalId(), a.noSharept());
        if (a.unfinished()) {
            // Until the start completes, the domain itself says it should be powered off: a start
            // cancelled or interrupted at any later point is cleaned up by the next check.
            b.vm().setDomainActionRequest(vm, DomainActionRequest.NEEDS_POWEROFF);
        }
    }

    void vmBuild(VmBuild a) {
        String id = a.vm();
        List<String> extras = new ArrayList<>();
        List<org.jxapi.xenops.api.Pci> pcis = Expansion.pciPlugOrder(store.pcis(id));
        if (!pcis.isEmpty()) {
            extras.add("-pci_passthrough");
            extras.add(String.join(",", pcis.stream().map(p -> p.address().toString()).toList()));
        }
        b.vm().build(t, vm(id), Expansion.vbdPlugOrder(store.vbds(id)), Expansion.vifPlugOrder(store.vifs(id)),
                Expansion.vgpuPlugOrder(store.vgpus(id)), store.vusbs(id), extras, a.force());
    }

    void vmShutdownDomain(VmShutdownDomain a) {
        Vm vm = vm(a.vm());
        long start = System.nanoTime();
        if (!b.vm().requestShutdown(t, vm, a.reason(), Math.min(engine.shutdownAckTimeout(), a.timeout()))) {
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST);
        }
        double left = Math.max(0, a.timeout() - (System.nanoTime() - start) / 1e9);
        if (!b.vm().waitShutdown(t, vm, a.reason(), left)) {
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_SHUTDOWN, a.vm(), Double.toString(a.timeout()));
        }
    }

    void vmS3Suspend(VmS3Suspend a) {
        b.vm().s3Suspend(t, vm(a.vm()));
        engine.signalVm(a.vm());
    }

    void vmS3Resume(VmS3Resume a) {
        b.vm().s3Resume(t, vm(a.vm()));
        engine.signalVm(a.vm());
    }

    void vmSave(VmSave a) {
        b.vm().save(t, progress, vm(a.vm()), a.data(), a.vgpuData());
    }

    void vmRestore(VmRestore a) {
        String id = a.vm();
        Vm vm = store.extra(id) != null ? store.extra(id) : vm(id);
        b.vm().restore(t, progress, vm, store.vbds(id), store.vifs(id), a.data(), a.vgpuData(), List.of());
    }

    void vmFastResume(VmFastResume a) {
        b.vm().resume(t, vm(a.vm()));
    }

    void vmDelay(VmDelay a) {
        t.log("waiting " + a.seconds() + " s before the next action on VM " + a.vm());
        t.sleep(java.time.Duration.ofMillis(Math.round(a.seconds() * 1000)));
    }

    void vmImportMetadata(VmImportMetadata a) {
        engine.importMetadata(a.metadata());
    }

    // VBD

    void vbdPlug(VbdPlug a) {
        DeviceId id = a.id();
        b.vbd().attach(t, id.vm(), store.vbdExn(id));
        b.vbd().activate(t, id.vm(), store.vbdExn(id));
        engine.signalDevice(DynamicId.Kind.VBD, id);
    }

    void vbdUnplug(VbdUnplug a) {
        try {
            b.vbd().unplug(t, a.id().vm(), store.vbdExn(a.id()), a.force());
        } finally {
            engine.signalDevice(DynamicId.Kind.VBD, a.id());
        }
    }

    void vbdSetActive(VbdSetActive a) {
        b.vbd().setActive(t, a.id().vm(), store.vbdExn(a.id()), a.active());
        engine.signalDevice(DynamicId.Kind.VBD, a.id());
    }

    void vbdEpochBegin(VbdEpochBegin a) {
        b.vbd().epochBegin(t, a.id().vm(), a.disk(), a.persistent());
    }

    void vbdEpochEnd(VbdEpochEnd a) {
        b.vbd().epochEnd(t, a.id().vm(), a.disk());
    }

    void vbdSetQos(VbdSetQos a) {
        b.vbd().setQos(t, a.id().vm(), store.vbdExn(a.id()));
        engine.signalDevice(DynamicId.Kind.VBD, a.id());
    }

    private void requireRunning(String vmId) {
        PowerState power = b.vm().getState(vm(vmId)).powerState();
        if (power != PowerState.RUNNING && power != PowerState.PAUSED) {
            throw XenopsException.badPowerState(power, PowerState.RUNNING);
        }
    }

    void vbdInsert(VbdInsert a) {
        Vbd vbd = store.vbdExn(a.id());
        requireRunning(a.id().vm());
        b.vbd().insert(t, a.id().vm(), vbd, a.disk());
        engine.signalDevice(DynamicId.Kind.VBD, a.id());
    }

    void vbdEject(VbdEject a) {
        Vbd vbd = store.vbdExn(a.id());
        if (vbd.type() == Vbd.Type.DISK) {
            throw XenopsException.of(XenopsErrorCode.MEDIA_NOT_EJECTABLE);
        }
        requireRunning(a.id().vm());
        b.vbd().eject(t, a.id().vm(), vbd);
        engine.signalDevice(DynamicId.Kind.VBD, a.id());
    }

    // VIF

    void vifPlug(VifPlug a) {
        b.vif().plug(t, a.id().vm(), store.vifExn(a.id()));
        engine.signalDevice(DynamicId.Kind.VIF, a.id());
    }

    void vifUnplug(VifUnplug a) {
        try {
            b.vif().unplug(t, a.id().vm(), store.vifExn(a.id()), a.force());
        } finally {
            engine.signalDevice(DynamicId.Kind.VIF, a.id());
        }
    }

    void vifSetActive(VifSetActive a) {
        b.vif().setActive(t, a.id().vm(), store.vifExn(a.id()), a.active());
        engine.signalDevice(DynamicId.Kind.VIF, a.id());
    }

    // Settings the scripts read from the metadata are written before the backend is told.
    void vifMove(VifMove a) {
        try {
            Vif vif = store.vifExn(a.id());
            store.putVif(vif.withBackend(a.network()));
            b.vif().move(t, a.id().vm(), vif, a.network());
        } finally {
            engine.signalDevice(DynamicId.Kind.VIF, a.id());
        }
    }

    void vifSetCarrier(VifSetCarrier a) {
        try {
            Vif vif = store.vifExn(a.id());
            b.vif().setCarrier(t, a.id().vm(), vif, a.carrier());
            store.putVif(vif.withCarrier(a.carrier()));
        } finally {
            engine.signalDevice(DynamicId.Kind.VIF, a.id());
        }
    }

    void vifSetLockingMode(VifSetLockingMode a) {
        try {
            Vif vif = store.vifExn(a.id());
            store.putVif(vif.withLockingMode(a.mode()));
            b.vif().setLockingMode(t, a.id().vm(), vif, a.mode());
        } finally {
            engine.signalDevice(DynamicId.Kind.VIF, a.id());
        }
    }

    void vifSetIpv4(VifSetIpv4Configuration a) {
        try {
            Vif vif = store.vifExn(a.id());
            store.putVif(vif.withIpv4Configuration(a.configuration()));
            b.vif().setIpv4Configuration(t, a.id().vm(), vif, a.configuration());
        } finally {
            engine.signalDevice(DynamicId.Kind.VIF, a.id());
        }
    }

    void vifSetIpv6(VifSetIpv6Configuration a) {
        try {
            Vif vif = store.vifExn(a.id());
            store.putVif(vif.withIpv6Configuration(a.configuration()));
            b.vif().setIpv6Configuration(t, a.id().vm(), vif, a.configuration());
        } finally {
            engine.signalDevice(DynamicId.Kind.VIF, a.id());
        }
    }

    void vifSetPvsProxy(VifSetPvsProxy a) {
        try {
            Vif vif = store.vifExn(a.id());
            store.putVif(vif.withPvsProxy(a.proxy()));
            b.vif().setPvsProxy(t, a.id().vm(), vif, a.proxy());
        } finally {
            engine.signalDevice(DynamicId.Kind.VIF, a.id());
        }
    }

    void vifSetTrunks(VifSetTrunks a) {
        try {
            Vif vif = store.vifExn(a.id());
            b.vif().setTrunks(t, a.id().vm(), vif, a.trunks());
            store.putVif(vif.withTrunks(a.trunks()));
        } finally {
            engine.signalDevice(DynamicId.Kind.VIF, a.id());
        }
    }

    // PCI, VGPU, VUSB

    void pciPlug(PciPlug a) {
        b.pci().plug(t, a.id().vm(), store.pciExn(a.id()), a.qmpAddDevice());
        engine.signalDevice(DynamicId.Kind.PCI, a.id());
    }

    void pciUnplug(PciUnplug a) {
        try {
            b.pci().unplug(t, a.id().vm(), store.pciExn(a.id()));
        } finally {
            engine.signalDevice(DynamicId.Kind.PCI, a.id());
        }
    }

    void pciDequarantine(PciDequarantine a) {
        b.pci().dequarantine(a.address());
    }

    void vgpuSetActive(VgpuSetActive a) {
        b.vgpu().setActive(t, a.id().vm(), store.vgpuExn(a.id()), a.active());
        engine.signalDevice(DynamicId.Kind.VGPU, a.id());
    }

    void vgpuStart(VgpuStart a) {
        List<Vgpu> vgpus = a.ids().stream().map(store::vgpuExn).toList();
        b.vgpu().start(t, a.vm(), vgpus, a.savedState());
    }

    void vusbPlug(VusbPlug a) {
        b.vusb().plug(t, a.id().vm(), store.vusbExn(a.id()));
        engine.signalDevice(DynamicId.Kind.VUSB, a.id());
    }

    void vusbUnplug(VusbUnplug a) {
        try {
            b.vusb().unplug(t, a.id().vm(), store.vusbExn(a.id()));
        } finally {
            engine.signalDevice(DynamicId.Kind.VUSB, a.id());
        }
    }
}
