package org.jxapi.storage.mux.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.jxapi.storage.api.ProgressListener;
import org.jxapi.storage.api.Storage;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.Capability;
import org.jxapi.storage.spi.SmError;
import org.jxapi.xenapi.model.ErrorCodes;
import org.jxapi.xenapi.model.XenApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moving VDI contents: raw import and export streams (what the HTTP handlers will serve) and
 * DATA.copy between SRs. Each transfer holds a datapath of its own on every VDI it touches, so
 * that a VDI cannot be destroyed under it. A copy between two SRs of one driver lets the driver
 * copy sparsely ({@code SrDriver.vdiCopy}); otherwise the raw image is streamed from one driver
 * to the other, the importing side skipping zero blocks. A failed or cancelled copy destroys the
 * VDI it was making.
 */
final class DataMover {
    private static final Logger LOG = LoggerFactory.getLogger(DataMover.class);
    private static final int PIPE_BUFFER = 4 * 1024 * 1024;

    /** The SR lookups and locking the mover borrows from the multiplexer. */
    interface Srs {
        <T> T withSr(String sr, java.util.function.Function<SrBinding, T> f);
    }

    private final Storage storage;
    private final Srs srs;
    private final Datapaths datapaths;

    DataMover(Storage storage, Srs srs, Datapaths datapaths) {
        this.storage = storage;
        this.srs = srs;
        this.datapaths = datapaths;
    }

    private void requireStreams(String sr) {
        srs.withSr(sr, b -> {
            b.require(Capability.VDI_DATA_STREAM);
            return null;
        });
    }

    void exportRaw(String dbg, String sr, String vdi, OutputStream out, ProgressListener progress) {
        requireStreams(sr);
        String dp = storage.dpCreate(dbg, "export/" + UUID.randomUUID());
        try {
            storage.vdiAttach(dbg, dp, sr, vdi, "", false);
            srs.withSr(sr, b -> call(sr, vdi, "VDI.export_raw", () -> b.driver().vdiExport(b.ctx(dbg), vdi, out, progress)));
        } finally {
            storage.dpDestroy(dbg, dp, true);
        }
    }

    void importRaw(String dbg, String sr, String vdi, InputStream in, ProgressListener progress) {
        requireStreams(sr);
        String dp = storage.dpCreate(dbg, "import/" + UUID.randomUUID());
        try {
            datapaths.withVdi(sr, vdi, slot -> {
                if (Datapaths.inUse(slot)) {
                    throw ErrorCodes.VDI_IN_USE.error(vdi, "import");
                }
                return null;
            });
            storage.vdiAttach(dbg, dp, sr, vdi, "", true);
            srs.withSr(sr, b -> call(sr, vdi, "VDI.import_raw", () -> b.driver().vdiImport(b.ctx(dbg), vdi, in, progress)));
        } finally {
            storage.dpDestroy(dbg, dp, true);
        }
    }

    /** The work of a DATA.copy task: returns the new VDI of {@code destSr}. */
    VdiInfo copy(String dbg, String sr, String vdi, String destSr, TaskTable.Handle task) {
        VdiInfo source = storage.vdiStat(dbg, sr, vdi);
        VdiInfo made = storage.vdiCreate(dbg, destSr, source.toBuilder().vdi("").uuid("").contentId("")
                .isASnapshot(false).snapshotOf("").readOnly(false).physicalUtilisation(0).build());
        boolean done = false;
        try {
            task.checkCancelled();
            copyData(dbg, sr, vdi, destSr, made.vdi(), task);
            task.checkCancelled();
            try {
                storage.vdiSetContentId(dbg, destSr, made.vdi(), source.contentId());
            } catch (XenApiException e) {
                LOG.debug("SR {} keeps no content_id: {}", destSr, e.errorDescription());
            }
            done = true;
            return storage.vdiStat(dbg, destSr, made.vdi());
        } finally {
            if (!done) {
                try {
                    storage.vdiDestroy(dbg, destSr, made.vdi());
                } catch (RuntimeException e) {
                    LOG.warn("DATA.copy could not remove its unfinished VDI {} of SR {}: {}", made.vdi(), destSr,
                            e.toString());
                }
            }
        }
    }

    private void copyData(String dbg, String sr, String vdi, String destSr, String destVdi, TaskTable.Handle task) {
        String srcDp = storage.dpCreate(dbg, "copy-src/" + task.id());
        String dstDp = storage.dpCreate(dbg, "copy-dst/" + task.id());
        try {
            storage.vdiAttach(dbg, srcDp, sr, vdi, "", false);
            storage.vdiAttach(dbg, dstDp, destSr, destVdi, "", true);
            boolean copied = srs.withSr(sr, src -> srs.withSr(destSr, dst -> {
                if (src.entry != dst.entry) {
                    return false;
                }
                try {
                    src.driver().vdiCopy(src.ctx(dbg), vdi, dst.ctx(dbg), destVdi, task::progress);
                    return true;
                } catch (SmError e) {
                    if (e.code() == 38) {
                        return false;
                    }
                    throw SmFailures.toXenApi(e, "DATA.copy", sr, vdi);
                } catch (RuntimeException e) {
                    throw SmFailures.toXenApi(e, "DATA.copy", sr, vdi);
                }
            }));
            if (!copied) {
                stream(dbg, sr, vdi, destSr, destVdi, task);
            }
        } finally {
            storage.dpDestroy(dbg, srcDp, true);
            storage.dpDestroy(dbg, dstDp, true);
        }
    }

    private void stream(String dbg, String sr, String vdi, String destSr, String destVdi, TaskTable.Handle task) {
        requireStreams(sr);
        requireStreams(destSr);
        AtomicReference<RuntimeException> exportFailure = new AtomicReference<>();
        PipedInputStream in = new PipedInputStream(PIPE_BUFFER);
        try {
            PipedOutputStream out = new PipedOutputStream(in);
            Thread exporter = new Thread(() -> {
                try (OutputStream o = out) {
                    srs.withSr(sr, b -> call(sr, vdi, "VDI.export_raw",
                            () -> b.driver().vdiExport(b.ctx(dbg), vdi, o, ProgressListener.NONE)));
                } catch (IOException e) {
                    exportFailure.compareAndSet(null, new UncheckedIOException(e));
                } catch (RuntimeException e) {
                    exportFailure.compareAndSet(null, e);
                }
            }, "jxapi-storage-copy-" + task.id());
            exporter.setDaemon(true);
            exporter.start();
            try {
                srs.withSr(destSr, b -> call(destSr, destVdi, "VDI.import_raw",
                        () -> b.driver().vdiImport(b.ctx(dbg), destVdi, in, task::progress)));
            } finally {
                // Closing our end makes a blocked exporter fail at once instead of waiting.
                in.close();
                exporter.join(60_000);
            }
            if (exportFailure.get() != null) {
                throw SmFailures.toXenApi(exportFailure.get(), "VDI.export_raw", sr, vdi);
            }
        } catch (IOException e) {
            throw SmFailures.toXenApi(new UncheckedIOException(e), "DATA.copy", sr, vdi);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCodes.TASK_CANCELLED.error(task.id());
        }
    }

    private static Void call(String sr, String vdi, String op, Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            throw SmFailures.toXenApi(e, op, sr, vdi);
        }
    }
}
