package org.jxapi.xapi.storage.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jxapi.api.Call;
import org.jxapi.api.Tasks;
import org.jxapi.api.spi.HttpEndpointRequest;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiType;
import org.jxapi.xenapi.model.types.Task;
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
        Row row = v.startsWith("OpaqueRef:") ? s.row("VDI", Ref.of(v)) : s.table("VDI").byUuid(v);
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

    private void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw ErrorCodes.SR_BACKEND_FAILURE.error(String.join(" ", cmd) + ": timed out", "", "");
            }
            if (p.exitValue() != 0) {
                throw ErrorCodes.SR_BACKEND_FAILURE.error(String.join(" ", cmd) + " exited with " + p.exitValue(), "",
                        new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw ErrorCodes.SR_BACKEND_FAILURE.error(cmd.get(0) + ": " + e.getMessage(), "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XenApiException.internal(e);
        }
    }
}
