package org.jxapi.xenops.qemu.impl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.json.XenopsJson;
import org.jxapi.xenops.spi.DomainActionRequest;

import com.fasterxml.jackson.databind.JsonNode;

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

    static Domain fromJson(JsonNode m) {
        Domain d = new Domain(m.path("vm_id").asText(null), (int) m.path("domid").longValue(),
                Path.of(m.path("run_dir").asText(null)), m.path("created_at").doubleValue());
        // The VM record is read the xenops way (its wire shape, defaults and all), from the tree's text.
        d.vm = m.hasNonNull("vm") ? XenopsJson.read(m.get("vm").toString().getBytes(StandardCharsets.UTF_8), Vm.class)
                : null;
        d.built = m.path("built").booleanValue();
        d.pid = m.path("pid").longValue();
        d.pidStart = m.path("pid_start").longValue();
        d.request = !m.hasNonNull("request") ? null : DomainActionRequest.valueOf(m.path("request").asText(null));
        d.guestRequest = !m.hasNonNull("guest_request") ? null
                : DomainActionRequest.valueOf(m.path("guest_request").asText(null));
        d.restoreImage = m.path("restore_image").asText(null);
        d.vcpus = (int) m.path("vcpus").longValue();
        d.memoryTarget = m.path("memory_target").longValue();
        m.path("xsdata").properties().forEach(e -> d.xsdata.put(e.getKey(), e.getValue().asText(null)));
        d.rtcDelta = m.path("rtc_delta").longValue();
        d.rtcBase = m.path("rtc_base").longValue();
        d.vncPort = (int) m.path("vnc_port").longValue();
        d.consolePort = (int) m.path("console_port").longValue();
        d.accel = m.path("accel").asText(null);
        for (JsonNode o : m.path("devices")) {
            Device dev = Device.fromJson(o);
            d.devices.put(dev.name, dev);
        }
        return d;
    }
}
