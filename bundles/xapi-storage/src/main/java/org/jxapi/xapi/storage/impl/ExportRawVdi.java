package org.jxapi.xapi.storage.impl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jxapi.api.Tasks;
import org.jxapi.api.spi.HttpEndpoint;
import org.jxapi.api.spi.HttpEndpointRequest;
import org.jxapi.api.spi.HttpEndpointResponse;
import org.jxapi.db.Row;
import org.jxapi.db.Snapshot;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Sr;
import org.jxapi.xenapi.model.types.Vdi;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /export_raw_vdi?session_id=&task_id=&vdi=&format=raw|qcow2}: the VDI's contents as
 * a raw image of its virtual size ({@code application/octet-stream}) or as a qcow2 image
 * ({@code application/x-qemu-disk}). The task shows the progress and ends when the last byte is
 * sent.
 */
@Component(service = HttpEndpoint.class, configurationPid = "org.jxapi.xapi.storage.raw",
        property = HttpEndpoint.PATH + "=/export_raw_vdi")
// Its configuration (pid org.jxapi.xapi.storage.raw) is described once, by ImportRawVdi.
public class ExportRawVdi implements HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ExportRawVdi.class);

    private final StorageCore core;
    private final Tasks tasks;
    private final RawTransfer transfer;

    @Activate
    public ExportRawVdi(@Reference(name = "core") StorageCore core, @Reference(name = "tasks") Tasks tasks,
            RawVdiConfig config) {
        this.core = core;
        this.tasks = tasks;
        this.transfer = new RawTransfer(config);
    }

    @Override
    public void handle(HttpEndpointRequest req, HttpEndpointResponse resp) throws IOException {
        if (!req.method().equals("GET")) {
            resp.status(405);
            return;
        }
        Tasks.TaskHandle task = RawTransfer.task(tasks, req, "VDI.export");
        resp.header("task-id", task.ref().handle());
        boolean sending = false;
        try {
            RawTransfer.Format format = RawTransfer.format(req);
            if (req.query("base") != null) {
                throw ErrorCodes.INTERNAL_ERROR.error("differential export (base=) is not supported");
            }
            Snapshot s = core.db.snapshot();
            Row row = RawTransfer.vdi(s, req);
            Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
            Lookups.requirePlugged(s, sr);
            String srUuid = s.require(Sr.CLASS, sr).uuid();
            String location = (String) row.get(Vdi.Fields.LOCATION);
            if (format == RawTransfer.Format.RAW) {
                resp.status(200);
                resp.header("Content-Type", "application/octet-stream");
                resp.header("Content-Length", Long.toString((Long) row.get(Vdi.Fields.VIRTUAL_SIZE)));
                sending = true;
                OutputStream out = resp.body();
                StorageErrors.run(core.db, sr, () -> core.storage.exportRaw(core.dbg(), srUuid, location, out,
                        (done, total) -> task.progress(ImportRawVdi.fraction(done, total))));
            } else {
                Path raw = transfer.tempFile("export-raw-");
                Path qcow = transfer.tempFile("export-qcow2-");
                try {
                    try (OutputStream o = Files.newOutputStream(raw)) {
                        StorageErrors.run(core.db, sr, () -> core.storage.exportRaw(core.dbg(), srUuid, location, o,
                                (done, total) -> task.progress(0.5 * ImportRawVdi.fraction(done, total))));
                    }
                    Files.delete(qcow);
                    transfer.convert(raw, "raw", qcow, "qcow2");
                    resp.status(200);
                    resp.header("Content-Type", "application/x-qemu-disk");
                    resp.header("Content-Length", Long.toString(Files.size(qcow)));
                    sending = true;
                    Files.copy(qcow, resp.body());
                } finally {
                    Files.deleteIfExists(raw);
                    Files.deleteIfExists(qcow);
                }
            }
            task.succeed("");
        } catch (XenApiException e) {
            LOG.info("export_raw_vdi failed: {}", e.errorDescription());
            task.fail(e.errorDescription());
            if (!sending) {
                resp.status(e.code().equals(ErrorCodes.HANDLE_INVALID.name()) ? 404 : 500);
            } else {
                throw new IOException("export failed: " + e.errorDescription());
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("export_raw_vdi failed", e);
            task.fail(XenApiException.internal(e).errorDescription());
            if (sending) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
            resp.status(500);
        }
    }
}
