package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.xenops.api.DynamicId;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.VmAction;
import org.jxapi.xenops.spi.DomainActionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What qemu's events mean for a domain. As with Xen's @releaseDomain watch, nothing is acted on
 * here: the domain records what happened (the guest shut down, asked for a reboot, panicked, let
 * go of a device) and the engine is told the VM or device needs attention; its check then asks the
 * backend and decides. Only the coredump of a crashed guest is taken here, while the guest is still
 * stopped as it crashed.
 */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    /** Tray events this soon after our own eject or insert are taken as ours. */
    static final double OWN_TRAY_MOVE_SECONDS = 3;
    private final Hypervisor hv;

    Events(Hypervisor hv) {
        this.hv = hv;
    }

    void handle(Domain d, Qmp q, Qmp.Event e) {
        LOG.debug("domain {}: event {} {}", d.domid, e.name(), e.data());
        synchronized (d) {
            if (d.qmp != null && d.qmp != q) {
                return; // a connection that has since been replaced
            }
        }
        switch (e.name()) {
            case Qmp.CLOSED -> closed(d);
            case "SHUTDOWN" -> shutdown(d, q, e.data());
            case "STOP", "RESUME", "SUSPEND", "WAKEUP", "RESET" -> refreshStatus(d, q);
            case "GUEST_PANICKED" -> panicked(d, q, e.data());
            case "RTC_CHANGE" -> rtcChanged(d, e.data().path("offset").longValue());
            case "DEVICE_DELETED" -> deviceDeleted(d, e.data().path("device").asText(null));
            case "DEVICE_TRAY_MOVED" -> trayMoved(d, q, e.data().path("id").asText(null),
                    e.data().path("tray-open").booleanValue());
            case "BALLOON_CHANGE" -> {
                synchronized (d) {
                    d.memoryActual = e.data().path("actual").longValue();
                }
                hv.publishVm(d);
            }
            case "MIGRATION" -> {
                synchronized (d) {
                    d.migrationStatus = e.data().path("status").asText(null);
                    d.notifyAll();
                }
            }
            default -> LOG.trace("domain {}: event {}", d.domid, e.name());
        }
    }

    private void refreshStatus(Domain d, Qmp q) {
        try {
            String status = q.call("query-status").path("status").asText(null);
            synchronized (d) {
                d.status = status;
                d.notifyAll();
            }
            hv.publishVm(d);
        } catch (QmpException e) {
            LOG.debug("domain {}: query-status: {}", d.domid, e.getMessage());
        }
    }

    private void shutdown(Domain d, Qmp q, JsonNode data) {
        if (!data.path("guest").booleanValue()) {
            refreshStatus(d, q);
            return;
        }
        String reason = data.path("reason").asText(null);
        DomainActionRequest r = switch (reason == null ? "" : reason) {
            case "guest-shutdown" -> DomainActionRequest.NEEDS_POWEROFF;
            case "guest-reset" -> DomainActionRequest.NEEDS_REBOOT;
            case "guest-panic" -> DomainActionRequest.NEEDS_CRASHDUMP;
            default -> null;
        };
        LOG.info("domain {} (VM {}): guest {} -> {}", d.domid, d.vmId, reason, r);
        guestRequests(d, r);
        refreshStatus(d, q);
    }

    private void guestRequests(Domain d, DomainActionRequest r) {
        if (r == null) {
            return;
        }
        synchronized (d) {
            if (d.guestRequest == null) {
                d.guestRequest = r;
            }
            hv.table.save(d);
            d.notifyAll();
        }
        hv.publishVm(d);
    }

    private void panicked(Domain d, Qmp q, JsonNode data) {
        LOG.warn("domain {} (VM {}): guest panicked ({})", d.domid, d.vmId, data);
        if (d.vm.onCrash().contains(VmAction.COREDUMP)) {
            coredump(d, q);
        }
        guestRequests(d, DomainActionRequest.NEEDS_CRASHDUMP);
        refreshStatus(d, q);
    }

    /** Writes the guest's memory as an ELF core file, as the original's coredump action. */
    void coredump(Domain d, Qmp q) {
        Path dir = hv.settings.crashdumpDir();
        Path file = dir.resolve(DomainTable.safe(d.vmId) + "-" + d.domid + "-"
                + System.currentTimeMillis() / 1000 + ".core");
        try {
            Files.createDirectories(dir);
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("paging", false);
            args.put("protocol", "file:" + file);
            q.call("dump-guest-memory", args, java.time.Duration.ofMinutes(10));
            LOG.info("domain {} (VM {}): crash dump written to {}", d.domid, d.vmId, file);
        } catch (IOException | QmpException e) {
            LOG.error("domain {} (VM {}): crash dump failed: {}", d.domid, d.vmId, e.toString());
        }
    }

    private void rtcChanged(Domain d, long offset) {
        long total;
        synchronized (d) {
            d.rtcDelta = offset;
            total = d.rtcBase + offset;
            hv.table.save(d);
        }
        try {
            Files.writeString(hv.table.vmDir(d.vmId).resolve("timeoffset"), Long.toString(total));
        } catch (IOException e) {
            LOG.warn("cannot keep the RTC offset of VM {}: {}", d.vmId, e.toString());
        }
        hv.publishVm(d);
    }

    private void deviceDeleted(Domain d, String id) {
        if (id == null) {
            return;
        }
        Device dev = null;
        boolean guestInitiated;
        synchronized (d) {
            guestInitiated = !d.deleting.remove(id);
            for (Device x : d.devices.values()) {
                if (id.equals(x.qemuId)) {
                    dev = x;
                }
            }
            if (dev != null && guestInitiated && dev.plugged) {
                dev.needsUnplug = true;
                hv.table.save(d);
            }
            d.notifyAll();
        }
        if (dev != null && guestInitiated) {
            LOG.info("domain {}: the guest let go of {}", d.domid, id);
            hv.publish(DynamicId.device(dev.kind == Device.Kind.VBD ? DynamicId.Kind.VBD : DynamicId.Kind.VIF,
                    new DeviceId(d.vmId, dev.name)));
        }
    }

    private void trayMoved(Domain d, Qmp q, String id, boolean open) {
        Device dev = null;
        synchronized (d) {
            Double ours = d.ownTrayMoves.get(id);
            if (!open || ours != null && Hypervisor.now() - ours < OWN_TRAY_MOVE_SECONDS) {
                return;
            }
            for (Device x : d.devices.values()) {
                if (id != null && id.equals(x.qemuId) && x.cdrom) {
                    dev = x;
                }
            }
        }
        if (dev == null || !dev.hasMedium()) {
            return;
        }
        // The guest ejected the disc: the drive is empty from now on, as after VBD.eject.
        LOG.info("domain {}: the guest ejected the medium of {}", d.domid, id);
        try {
            q.call("blockdev-remove-medium", Map.of("id", id));
        } catch (QmpException e) {
            LOG.debug("domain {}: blockdev-remove-medium {}: {}", d.domid, id, e.getMessage());
        }
        StorageLink.Medium m;
        synchronized (d) {
            m = new StorageLink.Medium(dev.path, dev.format, dev.dp, dev.sr, dev.vdi);
            dev.path = null;
            dev.format = null;
            dev.dp = null;
            hv.table.save(d);
        }
        hv.storage.close("guest-eject", m, d.vmId);
        hv.publish(DynamicId.device(DynamicId.Kind.VBD, new DeviceId(d.vmId, dev.name)));
    }

    private void closed(Domain d) {
        synchronized (d) {
            if (d.gone || !d.hasProcess()) {
                d.notifyAll();
                return;
            }
        }
        markGone(d);
    }

    void processExited(Domain d, Process p) {
        synchronized (d) {
            if (d.child != p || d.gone) {
                return;
            }
        }
        hv.onEventThread(() -> markGone(d));
    }

    /** qemu ended without being asked to: to the engine that is a crashed domain. */
    void markGone(Domain d) {
        synchronized (d) {
            if (d.gone) {
                return;
            }
            LOG.warn("domain {} (VM {}): qemu has gone; {}", d.domid, d.vmId, Hypervisor.tail(d.qemuLog()).trim());
            d.gone = true;
            d.status = "gone";
            if (d.guestRequest == null) {
                d.guestRequest = DomainActionRequest.NEEDS_CRASHDUMP;
            }
            hv.table.save(d);
            d.notifyAll();
        }
        hv.closeRuntime(d);
        hv.publishVm(d);
    }
}
