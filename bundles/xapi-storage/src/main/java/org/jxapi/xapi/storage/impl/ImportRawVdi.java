package org.jxapi.xapi.storage.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

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
import org.jxapi.xenapi.model.types.VdiType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /import_raw_vdi?session_id=&task_id=&vdi=&format=raw|qcow2}: the request body
 * replaces the VDI's contents. Without {@code vdi} but with {@code sr}, a raw upload of known
 * length goes into a new VDI of that size ("Imported VDI"), as the original. The task (the
 * client's {@code task_id}, or one made for the transfer) shows the progress and ends with the
 * VDI as its result, or with the error.
 */
@Component(service = HttpEndpoint.class, configurationPid = "org.jxapi.xapi.storage.raw",
        property = HttpEndpoint.PATH + "=/import_raw_vdi")
@Designate(ocd = RawVdiConfig.class)
public class ImportRawVdi implements HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRawVdi.class);

    private final StorageCore core;
    private final Tasks tasks;
    private final RawTransfer transfer;

    @Activate
    public ImportRawVdi(@Reference(name = "core") StorageCore core, @Reference(name = "tasks") Tasks tasks,
            RawVdiConfig config) {
        this.core = core;
        this.tasks = tasks;
        this.transfer = new RawTransfer(config);
    }

    @Override
    public void handle(HttpEndpointRequest req, HttpEndpointResponse resp) throws IOException {
        if (!req.method().equals("PUT") && !req.method().equals("POST")) {
            resp.status(405);
            return;
        }
        Tasks.TaskHandle task = RawTransfer.task(tasks, req, "VDI.import");
        resp.header("task-id", task.ref().handle());
        try {
            RawTransfer.Format format = RawTransfer.format(req);
            if (req.header("Transfer-Encoding") != null && format != RawTransfer.Format.RAW) {
                throw ErrorCodes.INTERNAL_ERROR.error("Cannot handle chunked " + format.name().toLowerCase());
            }
            Ref<?> vdi = target(req, format);
            receive(req, vdi, format, task);
            task.succeed(RawTransfer.encodeRef(vdi, "VDI"));
            resp.status(200);
        } catch (XenApiException e) {
            LOG.info("import_raw_vdi failed: {}", e.errorDescription());
            task.fail(e.errorDescription());
            resp.status(e.code().equals(ErrorCodes.INTERNAL_ERROR.name()) && e.params().toString().contains("format")
                    ? 404 : e.code().equals(ErrorCodes.HANDLE_INVALID.name()) ? 404 : 500);
        } catch (RuntimeException | IOException e) {
            LOG.warn("import_raw_vdi failed", e);
            task.fail(XenApiException.internal(e).errorDescription());
            resp.status(500);
        }
    }

    /** The VDI named by {@code vdi}, or a new one in {@code sr} for a raw upload of known length. */
    private Ref<?> target(HttpEndpointRequest req, RawTransfer.Format format) {
        Snapshot s = core.db.snapshot();
        if (req.query("vdi") != null) {
            return RawTransfer.vdi(s, req).ref();
        }
        String sr = req.query("sr");
        long length = req.contentLength();
        if (sr == null || format != RawTransfer.Format.RAW || length < 0) {
            throw ErrorCodes.INTERNAL_ERROR.error("Not enough info supplied to import");
        }
        Row srRow = sr.startsWith("OpaqueRef:") ? s.row(Sr.CLASS, Ref.of(sr)) : s.table(Sr.CLASS).byUuid(sr);
        if (srRow == null) {
            throw ErrorCodes.HANDLE_INVALID.error("SR", sr);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(Vdi.Fields.SR.name(), srRow.ref());
        f.put(Vdi.Fields.NAME_LABEL.name(), "Imported VDI");
        f.put(Vdi.Fields.VIRTUAL_SIZE.name(), length);
        f.put(Vdi.Fields.TYPE.name(), VdiType.USER);
        return core.createVdi(f);
    }

    private void receive(HttpEndpointRequest req, Ref<?> vdi, RawTransfer.Format format, Tasks.TaskHandle task)
            throws IOException {
        Snapshot s = core.db.snapshot();
        Row row = s.require(Vdi.CLASS, vdi);
        Ref<?> sr = (Ref<?>) row.get(Vdi.Fields.SR);
        Lookups.requirePlugged(s, sr);
        String srUuid = s.require(Sr.CLASS, sr).uuid();
        String location = (String) row.get(Vdi.Fields.LOCATION);
        if (format == RawTransfer.Format.RAW) {
            StorageErrors.run(core.db, sr, () -> core.storage.importRaw(core.dbg(), srUuid, location, req.body(),
                    (done, total) -> progress(task, done, total)));
            return;
        }
        Path qcow = transfer.tempFile("import-qcow2-");
        Path raw = transfer.tempFile("import-raw-");
        try {
            try (InputStream in = req.body()) {
                Files.copy(in, qcow, StandardCopyOption.REPLACE_EXISTING);
            }
            task.progress(0.3);
            transfer.check(qcow);
            Files.delete(raw);
            transfer.convert(qcow, "qcow2", raw, "raw");
            task.progress(0.5);
            try (InputStream in = Files.newInputStream(raw)) {
                StorageErrors.run(core.db, sr, () -> core.storage.importRaw(core.dbg(), srUuid, location, in,
                        (done, total) -> task.progress(0.5 + 0.5 * fraction(done, total))));
            }
        } finally {
            Files.deleteIfExists(qcow);
            Files.deleteIfExists(raw);
        }
    }

    private static void progress(Tasks.TaskHandle task, long done, long total) {
        task.progress(fraction(done, total));
        if (task.isCancelled()) {
            throw ErrorCodes.TASK_CANCELLED.error(task.ref().handle());
        }
    }

    static double fraction(long done, long total) {
        return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    }
}
