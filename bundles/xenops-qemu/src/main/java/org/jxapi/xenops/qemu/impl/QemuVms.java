package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

import org.jxapi.xenops.api.Console;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.DomainType;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.PowerState;
import org.jxapi.xenops.api.PvBoot;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vgpu;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmState;
import org.jxapi.xenops.api.Vusb;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.jxapi.xenops.spi.ShutdownRequest;
import org.jxapi.xenops.spi.Task;
import org.jxapi.xenops.spi.VmBackend;

/**
 * The VM part of the backend: a domain's life from creation to destruction, its power operations,
 * vCPUs and memory, and the state it reports. A domain exists from {@code VM.create}; its qemu is
 * started by {@code VM.create_device_model}, once the disks and NICs are known, so that they are on
 * the command line rather than hot-plugged.
 */
final class QemuVms implements VmBackend {
    /** Seconds between presses of the power button while a clean shutdown is awaited. */
    static final double POWER_BUTTON_REPEAT = 3;
    private final Hypervisor hv;

    QemuVms(Hypervisor hv) {
        this.hv = hv;
    }

    // create, build, device model, destroy

    @Override
    public void create(Task task, Long memoryUpperBound, Vm vm, String finalId, boolean noSharept) {
        synchronized (hv.table) {
            if (hv.table.get(vm.id()) != null) {
                throw XenopsException.alreadyExists("domain", vm.id());
            }
            Domain d = hv.table.create(vm.id(), Hypervisor.now());
            synchronized (d) {
                d.vm = vm;
                d.vcpus = Math.max(1, vm.vcpus());
                d.memoryTarget = vm.memoryDynamicMax() > 0 ? vm.memoryDynamicMax() : vm.memoryStaticMax();
                d.rtcBase = rtcBase(vm);
                hv.table.save(d);
            }
        }
    }

    /** The RTC offset a VM starts with: what its guest last set under this backend, else platform:timeoffset. */
    private long rtcBase(Vm vm) {
        Path kept = hv.table.vmDir(vm.id()).resolve("timeoffset");
        try {
            if (Files.exists(kept)) {
                return Long.parseLong(Files.readString(kept).trim());
            }
        } catch (IOException | NumberFormatException e) {
            // fall back to the configuration
        }
        String t = vm.platformdata().get("timeoffset");
        if (t == null && vm.builderInfo() instanceof HvmInfo h) {
            t = h.timeoffset();
        }
        try {
            return t == null || t.isBlank() ? 0 : Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void build(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus, List<Vusb> vusbs,
            List<String> extras, boolean force) {
        Domain d = hv.domain(vm.id());
        checkBoot(d.vm);
        synchronized (d) {
            d.built = true;
            hv.table.save(d);
        }
    }

    /** The original's kernel whitelisting: a direct-boot kernel and ramdisk must lie in an allowed directory. */
    void checkBoot(Vm vm) {
        if (vm.builderInfo() instanceof PvInfo pv && pv.boot() instanceof PvBoot.Direct direct
                && !direct.kernel().isBlank()) {
            allowed(vm, direct.kernel());
            if (direct.ramdisk() != null && !direct.ramdisk().isBlank()) {
                allowed(vm, direct.ramdisk());
            }
        }
        if (vm.builderInfo() instanceof HvmInfo h && h.firmware() == HvmInfo.Firmware.UEFI
                && !Files.isReadable(hv.settings.ovmfCode())) {
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_START_EMULATOR, vm.id(), "ovmf",
                    hv.settings.ovmfCode() + " is missing (Debian package ovmf)");
        }
    }

    private void allowed(Vm vm, String file) {
        Path real;
        try {
            real = Path.of(file).toRealPath();
        } catch (IOException e) {
            throw XenopsException.of(XenopsErrorCode.BOOTLOADER_ERROR, vm.id(), file + " does not exist");
        }
        for (Path dir : hv.settings.kernelDirs()) {
            try {
                if (real.startsWith(dir.toRealPath())) {
                    return;
                }
            } catch (IOException e) {
                // a configured directory that does not exist allows nothing
            }
        }
        throw XenopsException.of(XenopsErrorCode.BOOTLOADER_ERROR, vm.id(),
                file + " is not in an allowed kernel directory " + hv.settings.kernelDirs());
    }

    @Override
    public void createDeviceModel(Task task, Vm vm, List<Vbd> vbds, List<Vif> vifs, List<Vgpu> vgpus,
            List<Vusb> vusbs, boolean saveState) {
        Domain d = hv.domain(vm.id());
        String image;
        synchronized (d) {
            if (!d.built) {
                throw XenopsException.domainNotBuilt();
            }
            if (d.hasProcess()) {
                return;
            }
            image = saveState ? d.restoreImage : null;
        }
        hv.startProcess(task, d, image != null);
        if (image != null) {
            Suspend.restoreFrom(hv, task, d, image);
            synchronized (d) {
                d.restoreImage = null;
                hv.table.save(d);
            }
        }
        Memory.applyTarget(hv, d);
        Memory.applyAffinity(hv, task, d);
    }

    @Override
    public void destroyDeviceModel(Task task, Vm vm) {
        Domain d = hv.table.get(vm.id());
        if (d != null) {
            hv.stopProcess(d);
        }
    }

    @Override
    public void destroy(Task task, Vm vm) {
        Domain d = hv.table.get(vm.id());
        if (d == null) {
            return;
        }
        hv.stopProcess(d);
        List<StorageLink.Medium> held = new ArrayList<>();
        synchronized (d) {
            for (Device dev : d.devices.values()) {
                if (dev.dp != null) {
                    held.add(new StorageLink.Medium(dev.path, dev.format, dev.dp, dev.sr, dev.vdi));
                }
            }
            hv.table.remove(d);
            d.notifyAll();
        }
        held.forEach(m -> hv.storage.close("destroy", m, vm.id()));
    }

    // pause

    @Override
    public void pause(Task task, Vm vm) {
        Domain d = runnable(vm);
        if (!d.gone) {
            hv.qmp(d).call("stop");
            awaitStatus(d, s -> !s.equals("running"), Duration.ofSeconds(10));
        }
    }

    @Override
    public void unpause(Task task, Vm vm) {
        Domain d = runnable(vm);
        hv.qmp(d).call("cont");
        // qemu answers cont once the guest runs; the RESUME event confirms it later.
        synchronized (d) {
            if (!d.gone) {
                d.status = "running";
            }
        }
    }

    private Domain runnable(Vm vm) {
        Domain d = hv.domain(vm.id());
        synchronized (d) {
            if (!d.built || !d.hasProcess()) {
                throw XenopsException.domainNotBuilt();
            }
        }
        return d;
    }

    private static void awaitStatus(Domain d, java.util.function.Predicate<String> ok, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (d) {
            while (!ok.test(d.status) && !d.gone) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                try {
                    d.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // shutdown

    /**
     * Halting and powering off press the ACPI power button, which needs no guest agent but has no
     * acknowledgement: sending it counts as acknowledged. A clean reboot or suspend to RAM needs the
     * guest agent, which acknowledges the request.
     */
    @Override
    public boolean requestShutdown(Task task, Vm vm, ShutdownRequest reason, double ackDelay) {
        Domain d = runnable(vm);
        return switch (reason) {
            case HALT, POWEROFF -> {
                hv.qmp(d).call("system_powerdown");
                synchronized (d) {
                    d.powerButtonAt = Hypervisor.now();
                }
                yield true;
            }
            case REBOOT, S3SUSPEND -> {
                GuestAgent a = d.agent;
                yield a != null && a.power(reason == ShutdownRequest.REBOOT ? "reboot" : "s3",
                        Duration.ofMillis((long) (Math.max(1, ackDelay) * 1000)));
            }
            case SUSPEND -> false;
        };
    }

    /**
     * Waits for the guest to act on a shutdown request. A power button pressed while the guest
     * was still booting (before its ACPI daemon listened) is lost, so it is pressed again every
     * few seconds until the guest goes or the time is up.
     */
    @SuppressWarnings("try") // the registration only has to be closed
    @Override
    public boolean waitShutdown(Task task, Vm vm, ShutdownRequest reason, double timeout) {
        Domain d = hv.table.get(vm.id());
        if (d == null) {
            return true;
        }
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        try (Task.Registration r = task.onCancel(() -> {
            synchronized (d) {
                d.notifyAll();
            }
        })) {
            synchronized (d) {
                while (d.guestRequest == null && !d.gone && hv.table.get(vm.id()) == d) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0 || task.isCancelling()) {
                        break;
                    }
                    d.wait(Math.min(left, 1000));
                    if (d.powerButtonAt > 0 && Hypervisor.now() - d.powerButtonAt >= POWER_BUTTON_REPEAT
                            && d.guestRequest == null && d.qmp != null && !d.gone) {
                        d.powerButtonAt = Hypervisor.now();
                        d.qmp.send("system_powerdown", Map.of());
                    }
                }
                if (d.guestRequest != null || d.gone || hv.table.get(vm.id()) != d) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        task.checkCancelling();
        return false;
    }

    @Override
    public void softReset(Task task, Vm vm) {
        Domain d = runnable(vm);
        synchronized (d) {
            d.guestRequest = null;
            hv.table.save(d);
        }
        hv.qmp(d).call("system_reset");
        hv.qmp(d).call("cont");
    }

    // S3

    @Override
    public void s3Suspend(Task task, Vm vm) {
        Domain d = runnable(vm);
        GuestAgent a = d.agent;
        if (a == null || !a.power("s3", Duration.ofSeconds(10))) {
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST);
        }
        awaitStatus(d, s -> s.equals("suspended"), Duration.ofSeconds(30));
        synchronized (d) {
            if (!d.status.equals("suspended")) {
                throw XenopsException.of(XenopsErrorCode.FAILED_TO_SUSPEND, vm.id(), "30");
            }
        }
    }

    @Override
    public void s3Resume(Task task, Vm vm) {
        Domain d = runnable(vm);
        hv.qmp(d).call("system_wakeup");
        awaitStatus(d, s -> s.equals("running"), Duration.ofSeconds(30));
    }

    // vCPUs, memory, xsdata

    @Override
    public void setVcpus(Task task, Vm vm, int n) {
        Domain d = runnable(vm);
        int max = Math.max(vm.vcpuMax(), d.vm.vcpuMax());
        if (n < 1 || n > max) {
            throw XenopsException.invalidVcpus(max);
        }
        Qmp q = hv.qmp(d);
        int current;
        synchronized (d) {
            current = d.vcpus;
        }
        String type = CommandLine.cpuDeviceType(hv.settings, d.accel == null ? hv.accel : d.accel);
        for (int i = current; i < n; i++) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("driver", type);
            args.put("id", "vcpu" + i);
            args.put("socket-id", i);
            args.put("core-id", 0);
            args.put("thread-id", 0);
            q.call("device_add", args);
        }
        for (int i = current - 1; i >= n; i--) {
            synchronized (d) {
                d.deleting.add("vcpu" + i);
            }
            try {
                q.call("device_del", Map.of("id", "vcpu" + i));
            } catch (QmpException e) {
                synchronized (d) {
                    d.deleting.remove("vcpu" + i);
                }
                throw XenopsException.internal("cannot remove vCPU " + i + ": " + e.getMessage());
            }
        }
        synchronized (d) {
            d.vcpus = n;
            hv.table.save(d);
        }
        Memory.applyAffinity(hv, task, d);
    }

    @Override
    public void setMemoryDynamicRange(Task task, Vm vm, long min, long max) {
        Domain d = hv.domain(vm.id());
        synchronized (d) {
            d.memoryTarget = Math.max(min, Math.min(max, d.vm.memoryStaticMax()));
            hv.table.save(d);
        }
        if (d.hasProcess() && !d.gone) {
            Memory.applyTarget(hv, d);
        }
    }

    @Override
    public void setXsdata(Task task, Vm vm, Map<String, String> xsdata) {
        Domain d = hv.domain(vm.id());
        synchronized (d) {
            d.xsdata = new LinkedHashMap<>(xsdata);
            hv.table.save(d);
        }
    }

    // requests

    @Override
    public void setDomainActionRequest(Vm vm, DomainActionRequest request) {
        Domain d = hv.domain(vm.id());
        synchronized (d) {
            d.request = request;
            hv.table.save(d);
        }
    }

    @Override
    public Optional<DomainActionRequest> getDomainActionRequest(Vm vm) {
        Domain d = hv.table.get(vm.id());
        if (d == null) {
            return Optional.of(DomainActionRequest.NEEDS_POWEROFF);
        }
        synchronized (d) {
            return Optional.ofNullable(d.effectiveRequest());
        }
    }

    // state

    @Override
    public VmState getState(Vm vm) {
        Domain d = hv.table.get(vm.id());
        if (d == null) {
            return VmState.halted();
        }
        synchronized (d) {
            PowerState p;
            if (!d.hasProcess() || d.gone) {
                p = PowerState.PAUSED;
            } else {
                p = switch (d.status) {
                    case "running", "suspended" -> PowerState.RUNNING;
                    default -> PowerState.PAUSED;
                };
            }
            boolean hvm = d.vm.hvm();
            List<Console> consoles = new ArrayList<>();
            if (d.hasProcess() && !d.gone) {
                consoles.add(new Console(Console.Protocol.VT100, d.consolePort, d.consoleSocket().toString()));
                if (CommandLine.wantsVnc(d.vm)) {
                    consoles.add(new Console(Console.Protocol.RFB, d.vncPort, d.vncSocket().toString()));
                }
            }
            long actual = d.memoryActual > 0 ? d.memoryActual : d.memoryTarget;
            boolean uncooperative = d.memoryActual > 0 && d.balloonTargetSetAt > 0
                    && Hypervisor.now() - d.balloonTargetSetAt > hv.settings.balloonTimeoutSeconds()
                    && Math.abs(d.memoryActual - d.memoryTarget) > (1L << 20) * 4;
            Map<String, String> agent = d.agent == null ? Map.of() : d.agent.data();
            return new VmState(p, List.of(d.domid), consoles, d.memoryTarget, actual, d.vm.memoryStaticMax(),
                    d.vcpus, 1.0, Long.toString(d.rtcBase + d.rtcDelta), uncooperative, agent, d.xsdata,
                    d.agent != null && d.agent.present(), d.createdAt, hvm, false, false,
                    hvm ? DomainType.HVM : DomainType.PV, "", false, 0, Map.of());
        }
    }

    // the guest agent's control request

    @Override
    public Object runScript(Task task, Vm vm, String script) {
        Domain d = runnable(vm);
        GuestAgent a = d.agent;
        if (a == null || !a.present()) {
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_RUN_SCRIPT, "no guest agent in VM " + vm.id());
        }
        try {
            GuestAgent.Result r = a.run(script, Duration.ofSeconds(60));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rc", (long) r.exitCode());
            out.put("stdout", r.output());
            out.put("stderr", "");
            return out;
        } catch (java.util.concurrent.TimeoutException e) {
            throw XenopsException.of(XenopsErrorCode.FAILED_TO_RUN_SCRIPT, String.valueOf(e.getMessage()));
        }
    }

    // suspend images

    @Override
    public void assertCanSave(Vm vm) {
        runnable(vm);
    }

    @Override
    public void save(Task task, DoubleConsumer progress, Vm vm, Disk data, Disk vgpuData) {
        Suspend.save(hv, task, progress, runnable(vm), data);
    }

    @Override
    public void restore(Task task, DoubleConsumer progress, Vm vm, List<Vbd> vbds, List<Vif> vifs, Disk data,
            Disk vgpuData, List<String> extras) {
        Domain d = hv.domain(vm.id());
        String path = Suspend.imagePath(hv, task, d, data);
        synchronized (d) {
            d.restoreImage = path;
            d.built = true;
            hv.table.save(d);
        }
        progress.accept(0.1);
    }

    @Override
    public void setShadowMultiplier(Task task, Vm vm, double multiplier) {
        // qemu has no shadow page tables to size: accepted and ignored.
        hv.domain(vm.id());
    }

    @Override
    public void requestRdp(Vm vm, boolean enabled) {
        // No RDP in these guests' tool set; accepted as the original does without PV drivers.
    }

    @Override
    public List<String> getHookArgs(String vmId) {
        Domain d = hv.table.get(vmId);
        return d == null ? List.of() : List.of("-vmdomid", Integer.toString(d.domid));
    }

    @Override
    public double minimumRebootDelay() {
        return hv.settings.minimumRebootDelay();
    }
}
