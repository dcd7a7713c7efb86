package org.jxapi.xenops.simulator.impl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleConsumer;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.ShutdownRequest;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.VmBackend;

/**
 * The simulated domains: one record per domain, domids allocated, the real preconditions
 * enforced and the real errors raised ({@code Already_exists}, {@code Does_not_exist},
 * {@code Domain_not_built}, ...). The domain's pending request is kept like a real domain's
 * action-request key.
 */
final class SimulatedVms extends SimulatedPart implements VmBackend {
    private final ReentrantLock lock;
    private final Condition changed;

    SimulatedVms(Hypervisor hv) {
        super(hv);
        this.lock = hv.lock();
        this.changed = hv.changed();
    }

    /** Built, and for HVM guests with their emulator: what vCPU and shadow changes need. */
    private static void requireRunnable(Domain d) {
        if (!d.built || (d.hvm && !d.qemuCreated)) {
            throw XenopsException.domainNotBuilt();
        }
    }

    @Override
    public void create(Task task, Long memoryUpperBound, Vm vm, String finalId, boolean noSharept) {
        locked(() -> {
            Domain existing = table.get(vm.id());
            if (existing != null) {
                if (!existing.suspended) {
                    throw XenopsException.alreadyExists("domain", vm.id());
                }
                // Resuming: the suspended domain is brought back.
                return;
            }
            Domain d = new Domain();
            d.domid = table.allocateDomid();
            d.uuid = vm.id();
            d.hvm = vm.hvm();
            d.vcpus = vm.vcpus();
            d.shadowMultiplier = vm.builderInfo() instanceof HvmInfo h ? h.shadowMultiplier() : 1.0;
            d.memoryDynamicMin = vm.memoryDynamicMin();
            d.memoryDynamicMax = vm.memoryDynamicMax();
            d.xsdata = new java.util.LinkedHashMap<>(vm.xsdata());
            d.lastCreateTime = now();
            save(d);
        });
    }

    @Override
    public void build(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus, List<Vusb> vusbs,
            List<String> extras, boolean force) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.built = true;
            save(d);
        });
    }

    @Override
    public void createDeviceModel(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus,
            List<Vusb> vusbs, boolean saveState) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.qemuCreated = true;
            save(d);
        });
    }

    @Override
    public void destroyDeviceModel(Task task, Vm vm) {
        locked(() -> {
            Domain d = table.get(vm.id());
            if (d != null && d.qemuCreated) {
                d.qemuCreated = false;
                save(d);
            }
        });
    }

    @Override
    public void destroy(Task task, Vm vm) {
        locked(() -> {
            Domain d = table.get(vm.id());
            // A suspended domain's image stays until it is resumed.
            if (d != null && !d.suspended) {
                table.delete(vm.id());
                changed.signalAll();
            }
        });
    }

    @Override
    public void pause(Task task, Vm vm) {
        setPaused(vm, true);
    }

    @Override
    public void unpause(Task task, Vm vm) {
        setPaused(vm, false);
    }

    private void setPaused(Vm vm, boolean paused) {
        locked(() -> {
            Domain d = domain(vm.id());
            // A domain without memory cannot run (the real check: total_memory_pages = 0).
            if (!d.built) {
                throw XenopsException.domainNotBuilt();
            }
            d.paused = paused;
            save(d);
        });
    }

    @Override
    public void setXsdata(Task task, Vm vm, Map<String, String> xsdata) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.xsdata = new java.util.LinkedHashMap<>(xsdata);
            save(d);
        });
    }

    @Override
    public void setVcpus(Task task, Vm vm, int vcpus) {
        locked(() -> {
            Domain d = domain(vm.id());
            requireRunnable(d);
            d.vcpus = vcpus;
            save(d);
        });
    }

    @Override
    public void setShadowMultiplier(Task task, Vm vm, double multiplier) {
        locked(() -> {
            Domain d = domain(vm.id());
            requireRunnable(d);
            d.shadowMultiplier = multiplier;
            save(d);
        });
    }

    @Override
    public void setMemoryDynamicRange(Task task, Vm vm, long min, long max) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.memoryDynamicMin = min;
            d.memoryDynamicMax = max;
            save(d);
        });
    }

    @Override
    public boolean requestShutdown(Task task, Vm vm, ShutdownRequest reason, double ackDelay) {
        boolean acted = locked(() -> {
            Domain d = domain(vm.id());
            if (d.ignoresShutdown) {
                return false;
            }
            d.shutdownReason = switch (reason) {
                case HALT, POWEROFF -> DomainActionRequest.NEEDS_POWEROFF;
                case REBOOT -> DomainActionRequest.NEEDS_REBOOT;
                case SUSPEND, S3SUSPEND -> DomainActionRequest.NEEDS_SUSPEND;
            };
            save(d);
            return true;
        });
        if (acted) {
            publish(DynamicId.vm(vm.id()));
        }
        // The guest acknowledges even when it means to ignore the request.
        return true;
    }

    @SuppressWarnings("try") // the registration only has to be closed
    @Override
    public boolean waitShutdown(Task task, Vm vm, ShutdownRequest reason, double timeout) {
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        try (Task.Registration r = task.onCancel(() -> locked(changed::signalAll))) {
            lock.lock();
            try {
                while (true) {
                    Domain d = table.get(vm.id());
                    if (d == null || d.shutdownReason != null) {
                        return true;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || task.isCancelling()) {
                        break;
                    }
                    changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }
        task.checkCancelling();
        return false;
    }

    @Override
    public void assertCanSave(Vm vm) {
        locked(() -> {
            requireRunnable(domain(vm.id()));
        });
    }

    @Override
    public void save(Task task, DoubleConsumer progress, Vm vm, Disk data, Disk vgpuData) {
        locked(() -> {
            Domain d = domain(vm.id());
            if (!d.built) {
                throw XenopsException.domainNotBuilt();
            }
            d.suspended = true;
            d.paused = true;
            save(d);
        });
        progress.accept(1.0);
    }

    @Override
    public void restore(Task task, DoubleConsumer progress, Vm vm, List<Vbd> vbds, List<Vif> vifs, Disk data,
            Disk vgpuData, List<String> extras) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.built = true;
            d.suspended = false;
            d.paused = true;
            save(d);
        });
        progress.accept(1.0);
    }

    @Override
    public void s3Suspend(Task task, Vm vm) {
        locked(() -> {
            domain(vm.id());
        });
    }

    @Override
    public void s3Resume(Task task, Vm vm) {
        locked(() -> {
            domain(vm.id());
        });
    }

    @Override
    public void softReset(Task task, Vm vm) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.shutdownReason = null;
            save(d);
        });
    }

    @Override
    public VmState getState(Vm vm) {
        return locked(() -> {
            Domain d = table.get(vm.id());
            if (d == null) {
                return VmState.halted();
            }
            PowerState p = d.suspended ? PowerState.SUSPENDED : d.paused ? PowerState.PAUSED : PowerState.RUNNING;
            return VmState.withDomain(p, d.domid, d.vcpus, d.memoryDynamicMax, d.lastCreateTime, d.hvm, d.xsdata);
        });
    }

    @Override
    public void requestRdp(Vm vm, boolean enabled) {
    }

    @Override
    public Object runScript(Task task, Vm vm, String script) {
        locked(() -> {
            domain(vm.id());
        });
        return Map.of("rc", 0L, "stdout", "", "stderr", "");
    }

    @Override
    public void setDomainActionRequest(Vm vm, DomainActionRequest request) {
        locked(() -> {
            Domain d = domain(vm.id());
            d.request = request;
            save(d);
        });
    }

    @Override
    public Optional<DomainActionRequest> getDomainActionRequest(Vm vm) {
        return locked(() -> {
            Domain d = table.get(vm.id());
            // No domain at all: what a real hypervisor says of a domain that has gone. A guest that
            // shut down says why before anything the toolstack noted, as a real domain's shutdown code does.
            if (d == null) {
                return Optional.of(DomainActionRequest.NEEDS_POWEROFF);
            }
            return Optional.ofNullable(d.shutdownReason != null ? d.shutdownReason : d.request);
        });
    }
}
