package org.jxapi.xapi.storage.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jxapi.api.Call;
import org.jxapi.api.Tasks;
import org.jxapi.api.spi.HttpEndpointRequest;
import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.model.types.Task;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.wire.TypedEncoder;
import org.jxapi.xenapi.wire.XmlRpcWriter;

/**
 * What the two raw VDI endpoints share: the task of a transfer (the client's {@code task_id},
 * or one made for it), the VDI named by {@code vdi}, the disk formats, and qcow2 conversion
 * through qemu-img.
 */
final class RawTransfer {
    /** The disk formats of {@code format=}: raw (the default) and qcow2. */
    enum Format { RAW, QCOW2 }

    private final Path qemuImg;
    private final Path tmpDir;
    private final long timeoutSeconds;

    RawTransfer(RawVdiConfig config) {
        this.qemuImg = Path.of(config.qemu_img());
        this.tmpDir = config.tmp_dir().isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(config.tmp_dir());
        this.timeoutSeconds = config.convert_timeout_seconds();
    }

    /** {@code INTERNAL_ERROR [Unknown format x]} for what the original does not know either. */
    static Format format(HttpEndpointRequest req) {
        String f = req.query("format");
        if (f == null || f.isEmpty() || f.equalsIgnoreCase("raw")) {
            return Format.RAW;
        }
        if (f.equalsIgnoreCase("qcow2") || f.equalsIgnoreCase("qcow")) {
            return Format.QCOW2;
        }
        throw ErrorCodes.INTERNAL_ERROR.error("Unknown format " + f);
    }

    /** The client's task ({@code task_id}), or a new one owned by the request's session. */
    static Tasks.TaskHandle task(Tasks tasks, HttpEndpointRequest req, String label) {
        String id = req.query("task_id");
        Call call = req.call();
        if (id != null && !id.isEmpty()) {
            Ref<Task> t = Ref.of(id);
            return tasks.adopt(t);
        }
        return tasks.create(call.session(), label, "");
    }

    static Row vdi(Snapshot s, HttpEndpointRequest req) {
        String v = req.query("vdi");
        if (v == null || v.isEmpty()) {
            throw ErrorCodes.VDI_MISSING.error();
        }
        Row row = v.startsWith("OpaqueRef:") ? s.row(Vdi.CLASS, Ref.of(v)) : s.table(Vdi.CLASS).byUuid(v);
        if (row == null) {
            throw ErrorCodes.HANDLE_INVALID.error("VDI", v);
        }
        return row;
    }

    static String encodeRef(Ref<?> ref, String className) {
        StringBuilder sb = new StringBuilder();
        TypedEncoder.write(new XmlRpcWriter(sb), ref, XenApiType.ref(className));
        return sb.toString();
    }

    Path tempFile(String prefix) throws IOException {
        Files.createDirectories(tmpDir);
        return Files.createTempFile(tmpDir, prefix, ".img");
    }

    /** {@code qemu-img convert}, sparse; its failure is an SR_BACKEND_FAILURE as the original's tools would give. */
    void convert(Path from, String fromFormat, Path to, String toFormat) {
        List<String> cmd = new ArrayList<>(List.of(qemuImg.toString(), "convert", "-f", fromFormat, "-O", toFormat,
                from.toString(), to.toString()));
        run(cmd);
    }

    /** {@code qemu-img check}: the uploaded qcow2 image must be sound before it is read. */
    void check(Path image) {
        run(List.of(qemuImg.toString(), "check", "-q", "-f", "qcow2", image.toString()));
    }

    /**
     * Runs one qemu-img call under the configured time limit. The output is read on threads of the
     * runner's own while this thread waits, so a qemu-img that hangs is killed when its time is up
     * (reading all of its output first, as this once did, waited for ever). A cancelled task
     * interrupts this thread, which kills the program too.
     */
    void run(List<String> cmd) {
        CommandResult r;
        try {
            r = ExternalCommand.of(cmd).withTimeout(Duration.ofSeconds(timeoutSeconds)).run();
        } catch (CommandException e) {
            String why = switch (e.kind()) {
                case TIMED_OUT -> "timed out after " + timeoutSeconds + " s";
                case CANCELLED -> "cancelled";
                default -> e.getMessage();
            };
            throw ErrorCodes.SR_BACKEND_FAILURE.error(String.join(" ", cmd) + ": " + why, "", e.stderr().trim());
        }
        if (!r.ok()) {
            throw ErrorCodes.SR_BACKEND_FAILURE.error(String.join(" ", cmd) + " exited with " + r.exitCode(), "",
                    (r.stdout() + r.stderr()).trim());
        }
    }
}
