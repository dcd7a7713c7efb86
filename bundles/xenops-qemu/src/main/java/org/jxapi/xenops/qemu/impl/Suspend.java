package org.jxapi.xenops.qemu.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;

import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.jxapi.xenops.spi.Task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Moving a domain's state (memory and devices) in qemu's migration stream: into a suspend image
 * file, out of one into a new qemu started with {@code -incoming defer}, or straight to another
 * qemu over TCP. Progress comes from {@code query-migrate}; cancelling the task cancels the stream.
 */
final class Suspend {
    /** Nothing here is throttled: the default 32 MiB/s limit would make a save of 1 GiB take half a minute. */
    private static final long UNLIMITED = 1L << 40;

    private Suspend() {
    }

    /** The local file a suspend image is (or is to be) in. */
    static String imagePath(Hypervisor hv, Task task, Domain d, Disk data) {
        if (data.kind() == Disk.Kind.LOCAL) {
            return data.value();
        }
        // A VDI on a file-based SR: its file, attached only long enough to learn where it is.
        StorageLink.Medium m = hv.storage.open(task.dbg(), data, "suspend/" + d.vmId, d.vmId, true);
        hv.storage.close(task.dbg(), m, d.vmId);
        if (!"raw".equals(m.format())) {
            throw XenopsException.of(XenopsErrorCode.STORAGE_BACKEND_ERROR, "suspend image VDIs must be raw",
                    data.value());
        }
        return m.path();
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Stops the guest and writes its state to {@code data}; qemu is left stopped ("postmigrate"). */
    static void save(Hypervisor hv, Task task, DoubleConsumer progress, Domain d, Disk data) {
        String path = imagePath(hv, task, d, data);
        try {
            Files.createDirectories(Path.of(path).toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw XenopsException.wrap(e);
        }
        Qmp q = hv.qmp(d);
        q.call("stop");
        send(hv, task, progress, d, "exec:cat > " + shellQuote(path));
    }

    /** Streams the domain's state to {@code uri} and waits until qemu says the stream completed. */
    @SuppressWarnings("try") // the registration only has to be closed
    static void send(Hypervisor hv, Task task, DoubleConsumer progress, Domain d, String uri) {
        Qmp q = hv.qmp(d);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("max-bandwidth", UNLIMITED);
        params.put("downtime-limit", 300);
        q.call("migrate-set-parameters", params);
        q.call("migrate", Map.of("uri", uri));
        try (Task.Registration r = task.onCancel(() -> cancel(q))) {
            while (true) {
                JsonNode info = q.call("query-migrate");
                String status = info.path("status").asText(null);
                JsonNode ram = info.path("ram");
                double total = ram.path("total").doubleValue();
                if (total > 0) {
                    progress.accept(Math.min(0.99, ram.path("transferred").doubleValue() / total));
                }
                if ("completed".equals(status)) {
                    progress.accept(1.0);
                    return;
                }
                if ("failed".equals(status) || "cancelled".equals(status)) {
                    task.checkCancelling();
                    throw XenopsException.of(XenopsErrorCode.FAILED_TO_SUSPEND, d.vmId,
                            info.path("error-desc").asText(status));
                }
                task.sleep(Duration.ofMillis(20));
            }
        }
    }

    private static void cancel(Qmp q) {
        try {
            q.call("migrate_cancel");
        } catch (QmpException e) {
            // finished meanwhile
        }
    }

    /** Loads a suspend image into the domain's qemu, started with {@code -incoming defer}. */
    static void restoreFrom(Hypervisor hv, Task task, Domain d, String path) {
        if (!Files.isReadable(Path.of(path))) {
            throw XenopsException.of(XenopsErrorCode.IO_ERROR);
        }
        receive(hv, task, d, "exec:cat " + shellQuote(path));
    }

    /** Starts receiving on {@code uri}; waits for the stream's end unless {@code uri} is a listening socket. */
    static void receive(Hypervisor hv, Task task, Domain d, String uri) {
        Qmp q = hv.qmp(d);
        q.call("migrate-incoming", Map.of("uri", uri));
        if (!uri.startsWith("tcp:")) {
            awaitIncoming(hv, task, d);
        }
    }

    /** Waits until qemu has left the incoming state; fails if the stream did not complete. */
    static void awaitIncoming(Hypervisor hv, Task task, Domain d) {
        Qmp q = hv.qmp(d);
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (true) {
            String status = q.call("query-status").path("status").asText(null);
            if (!"inmigrate".equals(status)) {
                String mig = q.call("query-migrate").path("status").asText(null);
                synchronized (d) {
                    d.status = status;
                }
                if (!"completed".equals(mig) || status.equals("shutdown") || status.equals("internal-error")) {
                    throw XenopsException.of(XenopsErrorCode.FAILED_TO_START_EMULATOR, d.vmId, "qemu",
                            "incoming state did not load (" + mig + ", " + status + "): " + Hypervisor.tail(d.qemuLog()));
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw XenopsException.internal("incoming state of " + d.vmId + " did not arrive in time");
            }
            task.sleep(Duration.ofMillis(20));
        }
    }
}
