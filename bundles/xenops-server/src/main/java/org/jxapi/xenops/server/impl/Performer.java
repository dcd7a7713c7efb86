package org.jxapi.xenops.server.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmAction;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.server.impl.Atom.*;
import org.jxapi.xenops.server.impl.Operation.*;
import org.jxapi.xenops.spi.DeviceActionRequest;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.XenopsBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs operations: checks the power state they need, performs their micro-ops with progress, and
 * answers "what makes this VM valid?" ({@code VM_check_state}). When an operation fails or is
 * cancelled, that check runs in a fresh task, so the VM ends in a state an administrator
 * recognises: halted and clean, or running and whole.
 */
final class Performer {
    private static final Logger LOG = LoggerFactory.getLogger(Performer.class);
    /** A VM that crashes sooner than this after starting is shut down instead of restarted. */
    static final double CRASH_LOOP_SECONDS = 120;

    private final Engine engine;

    Performer(Engine engine) {
        this.engine = engine;
    }

    private XenopsBackend b() {
        return engine.backend();
    }

    private MetadataStore store() {
        return engine.store();
    }

    /** Runs {@code op} in task {@code t}; returns the task's result. */
    Object perform(Operation op, TaskHandle t) {
        verifyPowerState(op);
        try {
            return performExn(op, t);
        } catch (RuntimeException e) {
            t.log("failed: " + e.getMessage() + "; checking the state of what it touched");
            try {
                cleanupAfterFailure(op, t);
            } catch (RuntimeException e2) {
                LOG.error("[{}] clean-up after {} failed", t.dbg(), Operation.describe(op), e2);
            }
            throw e;
        }
    }

    private void verifyPowerState(Operation op) {
        if (op instanceof VmStart s) {
            expect(s.vm(), PowerState.HALTED);
        } else if (op instanceof VmReboot r) {
            expect(r.vm(), PowerState.RUNNING, PowerState.PAUSED);
        } else if (op instanceof VmResume r) {
            expect(r.vm(), PowerState.SUSPENDED, PowerState.HALTED);
        }
    }

    private void expect(String vm, PowerState... allowed) {
        PowerState p = b().vm().getState(store().vmExn(vm)).powerState();
        for (PowerState a : allowed) {
            if (a == p) {
                return;
            }
        }
        throw XenopsException.badPowerState(p, allowed[0]);
    }

    private Object performExn(Operation op, TaskHandle t) {
        if (op instanceof VmStart s) {
            PowerState p = b().vm().getState(store().vmExn(s.vm())).powerState();
            if (p == PowerState.RUNNING) {
                t.log("VM " + s.vm() + " is already running");
            } else {
                performAtomics(engine.expansion().atomics(op), t);
            }
            engine.signalVm(s.vm());
            return null;
        }
        if (op instanceof VmReboot r) {
            engine.rebooting(r.vm(), () -> performAtomics(engine.expansion().atomics(op), t));
            engine.signalVm(r.vm());
            return null;
        }
        if (op instanceof VmCheckState c) {
            checkVm(c.vm(), t);
            return null;
        }
        if (op instanceof VbdCheckState c) {
            checkVbd(c.id(), t);
            return null;
        }
        if (op instanceof VifCheckState c) {
            checkDevice(c.id(), t, b().vif().getDeviceActionRequest(c.id().vm(), store().vifExn(c.id())),
                    new VifUnplug(c.id(), true), null);
            return null;
        }
        if (op instanceof PciCheckState c) {
            checkDevice(c.id(), t, b().pci().getDeviceActionRequest(c.id().vm(), store().pciExn(c.id())),
                    new PciUnplug(c.id()), null);
            return null;
        }
        if (op instanceof VusbCheckState c) {
            checkDevice(c.id(), t, b().vusb().getDeviceActionRequest(c.id().vm(), store().vusbExn(c.id())),
                    new VusbUnplug(c.id()), null);
            engine.signalDevice(DynamicId.Kind.VUSB, c.id());
            return null;
        }
        if (op instanceof AtomicOp a) {
            AtomRunner r = new AtomRunner(engine, t, t::setProgress);
            r.perform(a.atom());
            return r.result();
        }
        if (op instanceof VmMigrate m) {
            return engine.migration().migrate(m, t);
        }
        performAtomics(engine.expansion().atomics(op), t);
        if (op instanceof VmPoweroff || op instanceof VmShutdown || op instanceof VmSuspend
                || op instanceof VmResume) {
            engine.signalVm(op.vm());
        }
        return null;
    }

    /** Saving and restoring memory weigh ten steps in the progress bar, every other step one. */
    private static double weight(Atom a) {
        return a instanceof VmSave || a instanceof VmRestore ? 10 : 1;
    }

    void performAtomics(List<Atom> atoms, TaskHandle t) {
        double total = atoms.stream().mapToDouble(Performer::weight).sum();
        double done = 0;
        for (Atom a : atoms) {
            double start = done / total;
            double share = weight(a) / total;
            AtomRunner r = new AtomRunner(engine, t, y -> t.setProgress(start + y * share));
            r.perform(a);
            done += weight(a);
            t.setProgress(done / total);
        }
    }

    // "What makes this VM valid?"

    private void checkVm(String id, TaskHandle t) {
        Vm vm = store().vmExn(id);
        VmState state = b().vm().getState(vm);
        double runTime = System.currentTimeMillis() / 1000.0 - state.lastStartTime();
        Optional<DomainActionRequest> request = b().vm().getDomainActionRequest(vm);
        List<VmAction> actions = new ArrayList<>();
        if (request.isPresent()) {
            switch (request.get()) {
                case NEEDS_REBOOT -> actions.addAll(vm.onReboot());
                case NEEDS_POWEROFF -> actions.addAll(vm.onShutdown());
                case NEEDS_CRASHDUMP -> {
                    if (runTime < CRASH_LOOP_SECONDS && vm.onCrash().contains(VmAction.START)) {
                        LOG.warn("VM {} crashed {} s after starting: shutting it down instead of restarting it",
                                id, Math.round(runTime));
                        vm.onCrash().forEach(a -> actions.add(a == VmAction.START ? VmAction.SHUTDOWN : a));
                    } else {
                        LOG.warn("VM {} crashed {} s after starting; actions after crash: {}", id,
                                Math.round(runTime), vm.onCrash());
                        actions.addAll(vm.onCrash());
                    }
                }
                case NEEDS_SUSPEND -> {
                    LOG.warn("VM {} suspended unexpectedly", id);
                    actions.add(VmAction.SHUTDOWN);
                }
                case NEEDS_SOFTRESET -> actions.addAll(vm.onSoftreboot());
                default -> { }
            }
        }
        boolean domain = !state.domids().isEmpty() || state.powerState() != PowerState.HALTED;
        if (!domain) {
            // Without a domain there is nothing to restart, pause or reset: at most a clean-up.
            actions.removeIf(a -> a != VmAction.SHUTDOWN);
        }
        t.log("VM " + id + " requests " + request.map(Enum::name).orElse("nothing") + ": actions " + actions);
        for (VmAction a : actions) {
            switch (a) {
                case SHUTDOWN -> performExn(new VmShutdown(id, null), t);
                case START -> {
                    double minimum = engine.minimumRebootDelay();
                    if (runTime < minimum) {
                        LOG.info("VM {} rebooted {} s after starting: waiting before the reboot", id,
                                String.format("%.1f", runTime));
                        // A clock set back must not make the wait longer than the minimum itself.
                        double wait = Math.min(minimum, minimum - Math.max(0, runTime));
                        new AtomRunner(engine, t, x -> { }).perform(new VmDelay(id, wait));
                    }
                    performExn(new VmReboot(id, null), t);
                }
                case PAUSE -> performExn(new AtomicOp(new VmPause(id)), t);
                case SOFTREBOOT -> performExn(new AtomicOp(new VmSoftreboot(id)), t);
                case COREDUMP -> { }
                default -> { }
            }
        }
        engine.signalVm(id);
    }

    private void checkVbd(DeviceId id, TaskHandle t) {
        Optional<DeviceActionRequest> request = vmHasDomain(id.vm())
                ? b().vbd().getDeviceActionRequest(id.vm(), store().vbdExn(id))
                : Optional.of(DeviceActionRequest.NEEDS_UNPLUG);
        request.ifPresent(r -> new AtomRunner(engine, t, x -> { }).perform(
                r == DeviceActionRequest.NEEDS_UNPLUG ? new VbdUnplug(id, true) : new VbdSetQos(id)));
        engine.signalDevice(DynamicId.Kind.VBD, id);
    }

    private void checkDevice(DeviceId id, TaskHandle t, Optional<DeviceActionRequest> fromBackend, Atom unplug,
            Atom setQos) {
        Optional<DeviceActionRequest> request = vmHasDomain(id.vm()) ? fromBackend
                : Optional.of(DeviceActionRequest.NEEDS_UNPLUG);
        if (request.isPresent()) {
            Atom a = request.get() == DeviceActionRequest.NEEDS_UNPLUG ? unplug : setQos;
            if (a != null) {
                new AtomRunner(engine, t, x -> { }).perform(a);
            }
        }
    }

    private boolean vmHasDomain(String vm) {
        PowerState p = b().vm().getState(store().vmExn(vm)).powerState();
        return p == PowerState.RUNNING || p == PowerState.PAUSED;
    }

    // After a failure: check, in a fresh task, what the operation touched.

    private void cleanupAfterFailure(Operation op, TaskHandle t) {
        if (op.isCheck()) {
            return;
        }
        if (op instanceof VbdHotplug h) {
            engine.immediate(t.dbg(), new VbdCheckState(h.id()));
        } else if (op instanceof VbdHotunplug h) {
            engine.immediate(t.dbg(), new VbdCheckState(h.id()));
        } else if (op instanceof VifHotplug h) {
            engine.immediate(t.dbg(), new VifCheckState(h.id()));
        } else if (op instanceof VifHotunplug h) {
            engine.immediate(t.dbg(), new VifCheckState(h.id()));
        } else if (op instanceof AtomicOp a) {
            cleanupAfterFailure(a.atom(), t);
        } else if (store().exists(op.vm())) {
            engine.immediate(t.dbg(), new VmCheckState(op.vm()));
        }
    }

    private void cleanupAfterFailure(Atom a, TaskHandle t) {
        String dbg = t.dbg();
        if (a instanceof Serial s) {
            s.atoms().forEach(x -> cleanupAfterFailure(x, t));
        } else if (a instanceof Parallel p) {
            p.atoms().forEach(x -> cleanupAfterFailure(x, t));
        } else if (a instanceof BestEffort be) {
            cleanupAfterFailure(be.atom(), t);
        } else if (a instanceof VmImportMetadata || a instanceof PciDequarantine || a instanceof VmRemove) {
            return;
        } else if (deviceOf(a) != null) {
            DeviceId id = deviceOf(a);
            if (a instanceof VbdPlug || a instanceof VbdUnplug || a instanceof VbdSetActive || a instanceof VbdSetQos
                    || a instanceof VbdInsert || a instanceof VbdEject || a instanceof VbdEpochBegin
                    || a instanceof VbdEpochEnd) {
                if (store().vbd(id) != null) {
                    engine.immediate(dbg, new VbdCheckState(id));
                }
            } else if (a instanceof PciPlug || a instanceof PciUnplug) {
                if (store().pci(id) != null) {
                    engine.immediate(dbg, new PciCheckState(id));
                }
            } else if (a instanceof VusbPlug || a instanceof VusbUnplug) {
                if (store().vusb(id) != null) {
                    engine.immediate(dbg, new VusbCheckState(id));
                }
            } else if (a instanceof VgpuSetActive) {
                engine.immediate(dbg, new VmCheckState(id.vm()));
            } else if (store().vif(id) != null) {
                engine.immediate(dbg, new VifCheckState(id));
            }
        } else if (store().exists(a.vm())) {
            engine.immediate(dbg, new VmCheckState(a.vm()));
        }
    }

    private static DeviceId deviceOf(Atom a) {
        return a instanceof Atom.OnDevice d ? d.id() : null;
    }
}
