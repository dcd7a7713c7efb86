package org.jxapi.xenops.server.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jxapi.xenops.api.Pci;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.server.impl.Atom.*;
import org.jxapi.xenops.server.impl.Operation.*;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.ShutdownRequest;

/**
 * Expands operations into straight-line lists of micro-ops, as the original's
 * {@code atomics_of_operation}: no decisions at run time, only lists that depend on the VM's
 * devices. A micro-op that does not apply to a VM is a no-op in its backend.
 */
final class Expansion {
    private final MetadataStore store;

    Expansion(MetadataStore store) {
        this.store = store;
    }

    /** Read/write disks first: storage cannot upgrade a read-only attach to read/write. */
    static List<Vbd> vbdPlugOrder(List<Vbd> vbds) {
        List<Vbd> out = new ArrayList<>();
        vbds.stream().filter(v -> v.mode() == Vbd.Mode.READ_WRITE).forEach(out::add);
        vbds.stream().filter(v -> v.mode() == Vbd.Mode.READ_ONLY).forEach(out::add);
        return out;
    }

    /** Guests number NICs in the order they appear, so VIFs are plugged by position. */
    static List<Vif> vifPlugOrder(List<Vif> vifs) {
        List<Vif> out = new ArrayList<>(vifs);
        out.sort(Comparator.comparingInt(Vif::position));
        return out;
    }

    static List<Pci> pciPlugOrder(List<Pci> pcis) {
        List<Pci> out = new ArrayList<>(pcis);
        out.sort(Comparator.comparingInt(Pci::position));
        return out;
    }

    static List<Vgpu> vgpuPlugOrder(List<Vgpu> vgpus) {
        List<Vgpu> out = new ArrayList<>(vgpus);
        out.sort(Comparator.comparingInt(Vgpu::position));
        return out;
    }

    // Groups of zero or one atom are not worth a group.
    private static List<Atom> parallel(String vm, String name, List<Atom> atoms) {
        return atoms.size() <= 1 ? atoms : List.of(new Parallel(vm, name + " VM=" + vm, atoms));
    }

    private static List<Atom> serial(String vm, String name, List<Atom> atoms) {
        return atoms.size() <= 1 ? atoms : List.of(new Serial(vm, name + " VM=" + vm, atoms));
    }

    @SafeVarargs
    private static List<Atom> concat(List<Atom>... lists) {
        List<Atom> out = new ArrayList<>();
        for (List<Atom> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    private static boolean mustDequarantine(Vgpu v) {
        return v.implementation().equals("GVT_g") || v.implementation().equals("Nvidia");
    }

    /** PCI functions of SR-IOV Nvidia vGPUs are plugged with the vGPU, before the emulator starts. */
    private static boolean isNvidiaSriov(List<Vgpu> vgpus, Pci pci) {
        return vgpus.stream().anyMatch(v -> v.implementation().equals("Nvidia") && v.virtualPciAddress() != null
                && v.virtualPciAddress().equals(pci.address()));
    }

    List<Atom> atomics(Operation op) {
        if (op instanceof VmStart s) {
            return start(s.vm(), s.force());
        }
        if (op instanceof VmShutdown s) {
            return shutdown(s.vm(), s.timeout());
        }
        if (op instanceof VmPoweroff p) {
            return poweroff(p.vm(), p.timeout());
        }
        if (op instanceof VmReboot r) {
            return reboot(r.vm(), r.timeout());
        }
        if (op instanceof VmSuspend s) {
            return suspend(s);
        }
        if (op instanceof VmResume r) {
            return resume(r);
        }
        if (op instanceof VmRestoreDevices r) {
            return restoreDevices(r.vm());
        }
        if (op instanceof VbdHotplug h) {
            return List.of(new VbdSetActive(h.id(), true), new VbdPlug(h.id()));
        }
        if (op instanceof VbdHotunplug h) {
            return List.of(new VbdUnplug(h.id(), h.force()), new VbdSetActive(h.id(), false));
        }
        if (op instanceof VifHotplug h) {
            return List.of(new VifSetActive(h.id(), true), new VifPlug(h.id()));
        }
        if (op instanceof VifHotunplug h) {
            return List.of(new VifUnplug(h.id(), h.force()), new VifSetActive(h.id(), false));
        }
        return List.of();
    }

    private List<Atom> plugVbds(String vm, String type, List<Vbd> vbds) {
        List<Atom> each = new ArrayList<>();
        for (Vbd v : vbds) {
            List<Atom> steps = new ArrayList<>();
            steps.add(new VbdSetActive(v.id(), true));
            if (v.backend() != null) {
                steps.add(new VbdEpochBegin(v.id(), v.backend(), v.persistent()));
            }
            steps.add(new VbdPlug(v.id()));
            each.addAll(serial(vm, "VBD.activate_epoch_and_plug " + type, steps));
        }
        return parallel(vm, "VBDs.activate_epoch_and_plug " + type, each);
    }

    List<Atom> start(String vm, boolean force) {
        List<Vbd> vbds = store.vbds(vm);
        List<Vbd> rw = vbds.stream().filter(v -> v.mode() == Vbd.Mode.READ_WRITE).toList();
        List<Vbd> ro = vbds.stream().filter(v -> v.mode() == Vbd.Mode.READ_ONLY).toList();
        List<Vif> vifs = vifPlugOrder(store.vifs(vm));
        List<Vgpu> vgpus = store.vgpus(vm);
        List<Pci> pcis = pciPlugOrder(store.pcis(vm));
        List<Vusb> vusbs = store.vusbs(vm);
        List<Pci> sriov = pcis.stream().filter(p -> isNvidiaSriov(vgpus, p)).toList();
        List<Pci> other = pcis.stream().filter(p -> !isNvidiaSriov(vgpus, p)).toList();
        List<Atom> vifSteps = new ArrayList<>();
        for (Vif v : vifs) {
            vifSteps.addAll(serial(vm, "VIF.activate_and_plug",
                    List.of(new VifSetActive(v.id(), true), new VifPlug(v.id()))));
        }
        List<Atom> gpuSteps = serial(vm, "VGPUs.activate & PCI.plug (SRIOV)", concat(
                parallel(vm, "VGPUs.activate", vgpus.stream().map(g -> (Atom) new VgpuSetActive(g.id(), true)).toList()),
                parallel(vm, "PCIs.plug (SRIOV)", sriov.stream().map(p -> (Atom) new PciPlug(p.id(), false)).toList())));
        return concat(
                vgpus.stream().filter(Expansion::mustDequarantine)
                        .map(g -> (Atom) new PciDequarantine(vm, g.physicalPciAddress())).toList(),
                List.of(new VmHookScript(vm, Hook.VM_PRE_START, Hook.REASON_NONE),
                        new VmCreate(vm, null, null, false, false, true),
                        new VmBuild(vm, force)),
                parallel(vm, "Devices.plug (no qemu)", concat(
                        serial(vm, "VBDs.activate_epoch_and_plug RW+RO", concat(plugVbds(vm, "RW", rw), plugVbds(vm, "RO", ro))),
                        vifSteps, gpuSteps)),
                List.of(new VmCreateDeviceModel(vm, false)),
                // PCI and USB devices are hot-plugged through the emulator, in slot order.
                other.stream().map(p -> (Atom) new PciPlug(p.id(), true)).toList(),
                vusbs.stream().map(u -> (Atom) new VusbPlug(u.id())).toList(),
                // From here on the domain is whole: a restart no longer needs to clean it up.
                List.of(new VmSetDomainActionRequest(vm, null)));
    }

    List<Atom> shutdown(String vm, Double timeout) {
        List<Atom> unplugs = new ArrayList<>();
        store.vbds(vm).forEach(v -> unplugs.add(new VbdUnplug(v.id(), true)));
        store.vifs(vm).forEach(v -> unplugs.add(new VifUnplug(v.id(), true)));
        store.pcis(vm).forEach(p -> unplugs.add(new PciUnplug(p.id())));
        return concat(
                timeout == null ? List.of() : List.of(new VmShutdownDomain(vm, ShutdownRequest.POWEROFF, timeout)),
                parallel(vm, "VUSBs.unplug", store.vusbs(vm).stream().map(u -> (Atom) new VusbUnplug(u.id())).toList()),
                // Pause first so that nothing runs while the emulator goes (the original's CA-315450).
                List.of(markDying(vm), new BestEffort(new VmPause(vm)), new VmDestroyDeviceModel(vm)),
                parallel(vm, "Devices.unplug", unplugs),
                List.of(new VmDestroy(vm)));
    }

    List<Atom> poweroff(String vm, Double timeout) {
        String reason = timeout == null ? Hook.REASON_HARD_SHUTDOWN : Hook.REASON_CLEAN_SHUTDOWN;
        List<Atom> deactivate = new ArrayList<>();
        for (Vbd v : store.vbds(vm)) {
            List<Atom> steps = new ArrayList<>();
            if (v.backend() != null) {
                steps.add(new VbdEpochEnd(v.id(), v.backend()));
            }
            steps.add(new VbdSetActive(v.id(), false));
            deactivate.addAll(serial(vm, "VBD.epoch_and_deactivate", steps));
        }
        store.vifs(vm).forEach(v -> deactivate.add(new VifSetActive(v.id(), false)));
        store.vgpus(vm).forEach(g -> deactivate.add(new VgpuSetActive(g.id(), false)));
        return concat(
                List.of(new VmHookScript(vm, Hook.VM_PRE_DESTROY, reason)),
                shutdown(vm, timeout),
                parallel(vm, "Devices.deactivate", deactivate),
                List.of(new VmHookScript(vm, Hook.VM_POST_DESTROY, reason)));
    }

    List<Atom> reboot(String vm, Double timeout) {
        String reason = timeout == null ? Hook.REASON_HARD_REBOOT : Hook.REASON_CLEAN_REBOOT;
        List<Atom> epochEnds = new ArrayList<>();
        for (Vbd v : store.vbds(vm)) {
            if (v.backend() != null) {
                epochEnds.add(new VbdEpochEnd(v.id(), v.backend()));
            }
        }
        return concat(
                timeout == null ? List.of() : List.of(new VmShutdownDomain(vm, ShutdownRequest.REBOOT, timeout)),
                List.of(new VmHookScript(vm, Hook.VM_PRE_DESTROY, reason)),
                shutdown(vm, null),
                parallel(vm, "VBD.epoch_end", epochEnds),
                List.of(new VmHookScript(vm, Hook.VM_POST_DESTROY, reason),
                        new VmHookScript(vm, Hook.VM_PRE_REBOOT, Hook.REASON_NONE)),
                start(vm, false),
                List.of(new VmUnpause(vm)));
    }

    List<Atom> suspend(VmSuspend s) {
        String vm = s.vm();
        return concat(
                List.of(new VmHookScript(vm, Hook.VM_PRE_SUSPEND, Hook.REASON_SUSPEND),
                        new VmSave(vm, s.disk(), store.vgpus(vm).isEmpty() ? null : s.disk()),
                        new VmHookScript(vm, Hook.VM_PRE_DESTROY, Hook.REASON_SUSPEND)),
                shutdown(vm, null),
                List.of(new VmHookScript(vm, Hook.VM_POST_DESTROY, Hook.REASON_SUSPEND)));
    }

    List<Atom> resume(VmResume r) {
        String vm = r.vm();
        List<Vgpu> vgpus = store.vgpus(vm);
        List<Pci> pcis = pciPlugOrder(store.pcis(vm));
        List<Atom> vgpuStart = new ArrayList<>();
        if (!vgpus.isEmpty()) {
            pcis.stream().filter(p -> isNvidiaSriov(vgpus, p)).forEach(p -> vgpuStart.add(new PciPlug(p.id(), false)));
            vgpuStart.add(new VgpuStart(vm, vgpus.stream().map(Vgpu::id).toList(), true));
        }
        return concat(
                vgpus.stream().filter(Expansion::mustDequarantine)
                        .map(g -> (Atom) new PciDequarantine(vm, g.physicalPciAddress())).toList(),
                List.of(new VmCreate(vm, null, null, false, true, true),
                        new VmHookScript(vm, Hook.VM_PRE_RESUME, Hook.REASON_NONE)),
                vgpuStart,
                List.of(new VmRestore(vm, r.disk(), vgpus.isEmpty() ? null : r.disk())),
                restoreDevices(vm),
                List.of(new VmSetDomainActionRequest(vm, null),
                        new VmHookScript(vm, Hook.VM_POST_RESUME, Hook.REASON_NONE)));
    }

    List<Atom> restoreDevices(String vm) {
        List<Vbd> vbds = store.vbds(vm);
        List<Vgpu> vgpus = store.vgpus(vm);
        List<Pci> other = pciPlugOrder(store.pcis(vm)).stream().filter(p -> !isNvidiaSriov(vgpus, p)).toList();
        List<Atom> rw = new ArrayList<>();
        List<Atom> ro = new ArrayList<>();
        for (Vbd v : vbds) {
            (v.mode() == Vbd.Mode.READ_WRITE ? rw : ro).addAll(serial(vm, "VBD.activate_and_plug",
                    List.of(new VbdSetActive(v.id(), true), new VbdPlug(v.id()))));
        }
        List<Atom> vifs = new ArrayList<>();
        for (Vif v : vifPlugOrder(store.vifs(vm))) {
            vifs.addAll(serial(vm, "VIF.activate_and_plug", List.of(new VifSetActive(v.id(), true), new VifPlug(v.id()))));
        }
        return concat(parallel(vm, "VBDs.activate_and_plug RW", rw), parallel(vm, "VBDs.activate_and_plug RO", ro),
                parallel(vm, "VIFs.activate_and_plug", vifs),
                parallel(vm, "VGPUs.activate", vgpus.stream().map(g -> (Atom) new VgpuSetActive(g.id(), true)).toList()),
                List.of(new VmCreateDeviceModel(vm, true)),
                other.stream().map(p -> (Atom) new PciPlug(p.id(), true)).toList());
    }

    /**
     * Marks a domain that is being taken down, so that a task cancelled or a server killed half-way
     * leaves a domain whose pending request says "power me off", which the next check finishes.
     */
    static Atom markDying(String vm) {
        return new BestEffort(new VmSetDomainActionRequest(vm, DomainActionRequest.NEEDS_POWEROFF));
    }
}
