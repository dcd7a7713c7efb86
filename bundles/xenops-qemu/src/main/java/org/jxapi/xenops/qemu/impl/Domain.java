package org.jxapi.xenops.qemu.impl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.json.XenopsJson;
import org.jxapi.xenops.spi.DomainActionRequest;

/**
 * One domain: the qemu process that runs a VM, from {@code VM.create} until {@code VM.destroy}.
 * The persisted part (written to the domain table on every change) is what a restarted backend
 * needs to find and re-attach to the process; the runtime part (QMP connection, guest agent,
 * console proxy) is rebuilt from it. Fields are guarded by the domain's monitor.
 */
final class Domain {
    final String vmId;
    final int domid;
    final Path runDir;
    final double createdAt;
    /** The configuration the domain was created with (the original's VmExtra). */
    Vm vm;
    boolean built;
    /** The qemu process, once the device model runs; 0 before. */
    long pid;
    /** The process's start time in clock ticks since boot, so that a reused pid is never mistaken for it. */
    long pidStart;
    /** The pending request the toolstack set (NEEDS_POWEROFF while a start is unfinished). */
    DomainActionRequest request;
    /** What the guest (or qemu on its behalf) asked for: shutdown, reboot, crash, suspend. */
    DomainActionRequest guestRequest;
    /** A suspend image to load when the device model starts (resume, incoming migration). */
    String restoreImage;
    int vcpus;
    long memoryTarget;
    Map<String, String> xsdata = new LinkedHashMap<>();
    /** Seconds the guest moved its RTC away from the base it started with. */
    long rtcDelta;
    /** The platform:timeoffset the domain started with. */
    long rtcBase;
    int vncPort;
    int consolePort;
    String accel;
    final Map<String, Device> devices = new LinkedHashMap<>();

    // runtime only
    transient Qmp qmp;
    transient Process child;
    /** qemu's run state as last seen: prelaunch, running, paused, shutdown, suspended, postmigrate... */
    transient String status = "prelaunch";
    transient Map<String, String> guestData = new LinkedHashMap<>();
    transient double balloonTargetSetAt;
    transient boolean gone;
    transient GuestAgent agent;
    transient ConsoleProxy consoleProxy;
    transient long memoryActual;
    /** qemu device ids we asked qemu to delete and whose DEVICE_DELETED has not come yet. */
    transient java.util.Set<String> deleting = new java.util.HashSet<>();
    /**
     * When we last moved each CD drive's tray ourselves (eject, insert): a tray event shortly
     * after is ours, not the guest's.
     */
    transient java.util.Map<String, Double> ownTrayMoves = new java.util.HashMap<>();
    /** The last MIGRATION event's status. */
    transient String migrationStatus = "none";
    /** When the ACPI power button was last pressed for a pending clean shutdown; 0 if it was not. */
    transient double powerButtonAt;

    Domain(String vmId, int domid, Path runDir, double createdAt) {
        this.vmId = vmId;
        this.domid = domid;
        this.runDir = runDir;
        this.createdAt = createdAt;
    }

    Path qmpSocket() {
        return runDir.resolve("qmp.sock");
    }

    Path consoleSocket() {
        return runDir.resolve("console.sock");
    }

    Path consoleLog() {
        return runDir.resolve("console.log");
    }

    Path vncSocket() {
        return runDir.resolve("vnc.sock");
    }

    Path agentSocket() {
        return runDir.resolve("agent.sock");
    }

    Path qemuLog() {
        return runDir.resolve("qemu.log");
    }

    boolean hasProcess() {
        return pid != 0;
    }

    /** The request the engine should act on: what the guest asked for wins over the toolstack's note. */
    DomainActionRequest effectiveRequest() {
        return guestRequest != null ? guestRequest : request;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vm_id", vmId);
        m.put("domid", domid);
        m.put("run_dir", runDir.toString());
        m.put("created_at", createdAt);
        m.put("vm", vm);
        m.put("built", built);
        m.put("pid", pid);
        m.put("pid_start", pidStart);
        if (request != null) {
            m.put("request", request.name());
        }
        if (guestRequest != null) {
            m.put("guest_request", guestRequest.name());
        }
        if (restoreImage != null) {
            m.put("restore_image", restoreImage);
        }
        m.put("vcpus", vcpus);
        m.put("memory_target", memoryTarget);
        m.put("xsdata", new LinkedHashMap<>(xsdata));
        m.put("rtc_delta", rtcDelta);
        m.put("rtc_base", rtcBase);
        m.put("vnc_port", vncPort);
        m.put("console_port", consolePort);
        if (accel != null) {
            m.put("accel", accel);
        }
        m.put("devices", devices.values().stream().map(Device::toJson).toList());
        return m;
    }

    static Domain fromJson(Map<String, Object> m) {
        Domain d = new Domain(Json.str(m.get("vm_id")), (int) Json.lng(m.get("domid")),
                Path.of(Json.str(m.get("run_dir"))), Json.num(m.get("created_at")));
        d.vm = XenopsJson.fromPlain(m.get("vm"), Vm.class);
        d.built = Json.bool(m.get("built"));
        d.pid = Json.lng(m.get("pid"));
        d.pidStart = Json.lng(m.get("pid_start"));
        d.request = m.get("request") == null ? null : DomainActionRequest.valueOf(Json.str(m.get("request")));
        d.guestRequest = m.get("guest_request") == null ? null
                : DomainActionRequest.valueOf(Json.str(m.get("guest_request")));
        d.restoreImage = Json.str(m.get("restore_image"));
        d.vcpus = (int) Json.lng(m.get("vcpus"));
        d.memoryTarget = Json.lng(m.get("memory_target"));
        Json.map(m.get("xsdata")).forEach((k, v) -> d.xsdata.put(k, Json.str(v)));
        d.rtcDelta = Json.lng(m.get("rtc_delta"));
        d.rtcBase = Json.lng(m.get("rtc_base"));
        d.vncPort = (int) Json.lng(m.get("vnc_port"));
        d.consolePort = (int) Json.lng(m.get("console_port"));
        d.accel = Json.str(m.get("accel"));
        for (Object o : Json.list(m.get("devices"))) {
            Device dev = Device.fromJson(Json.map(o));
            d.devices.put(dev.name, dev);
        }
        return d;
    }
}
