package org.jxapi.xapi.storage.impl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.jxapi.storage.api.ProgressListener;
import org.jxapi.storage.api.Storage;
import org.jxapi.xenapi.model.XenApiException;

/** Copies one VDI's contents over another's by streaming the raw image from one to the other. */
final class RawCopy {
    private static final int PIPE = 4 << 20;

    private RawCopy() {
    }

    static void copy(Storage storage, String dbg, String sr, String vdi, String destSr, String destVdi,
            ProgressListener progress, UnaryOperator<XenApiException> translate) {
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        try (PipedInputStream in = new PipedInputStream(PIPE)) {
            PipedOutputStream out = new PipedOutputStream(in);
            Thread exporter = new Thread(() -> {
                try (OutputStream o = out) {
                    storage.exportRaw(dbg, sr, vdi, o, ProgressListener.NONE);
                } catch (IOException e) {
                    failed.compareAndSet(null, new UncheckedIOException(e));
                } catch (RuntimeException e) {
                    failed.compareAndSet(null, e);
                }
            }, "jxapi-vdi-copy-into");
            exporter.setDaemon(true);
            exporter.start();
            try {
                storage.importRaw(dbg, destSr, destVdi, in, progress);
            } catch (XenApiException e) {
                throw translate.apply(e);
            } finally {
                in.close();
                exporter.join(60_000);
            }
            if (failed.get() instanceof XenApiException x) {
                throw translate.apply(x);
            } else if (failed.get() != null) {
                throw XenApiException.internal(failed.get());
            }
        } catch (IOException e) {
            throw XenApiException.internal(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XenApiException.internal(e);
        }
    }
}
