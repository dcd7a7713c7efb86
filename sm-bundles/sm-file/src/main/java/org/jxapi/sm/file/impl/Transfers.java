package org.jxapi.sm.file.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jxapi.storage.api.ProgressListener;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;
import org.jxapi.xenapi.model.ErrorCodes;

/**
 * Moving data in and out of file SR VDIs. Exports flatten the VDI's chain into a raw image with
 * {@code qemu-img convert} and stream it; imports write the incoming raw image with holes where
 * it is zero and convert it to the VDI's format; copies between file SRs are one
 * {@code qemu-img convert}, which allocates nothing for unallocated or zero clusters. The new
 * image replaces the VDI's old one in a single rename, so a failed or cancelled transfer leaves
 * the VDI as it was.
 */
final class Transfers {
    private static final int CHUNK = 1024 * 1024;
    private static final int BLOCK = 64 * 1024;

    private Transfers() {
    }

    static void export(FileSr sr, String location, OutputStream out, ProgressListener progress) {
        VdiMeta m = sr.locked(() -> sr.visible(location));
        Path image = sr.store.image(m);
        Path tmp = null;
        try {
            Path raw = image;
            if (!m.format.equals("raw") || !m.parent.isEmpty()) {
                tmp = sr.store.temp("export");
                sr.qemu.convert(image, m.format, tmp, "raw");
                raw = tmp;
            }
            stream(raw, m.virtualSize, out, progress);
        } finally {
            if (tmp != null) {
                MetaStore.deleteQuietly(tmp);
            }
        }
    }

    private static void stream(Path raw, long size, OutputStream out, ProgressListener progress) {
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long done = 0;
            while (done < size) {
                buf.clear().limit((int) Math.min(CHUNK, size - done));
                int n = ch.read(buf, done);
                if (n < 0) {
                    // A raw file may be shorter than its virtual size: the rest reads as zeros.
                    java.util.Arrays.fill(buf.array(), buf.position(), buf.limit(), (byte) 0);
                    n = buf.limit() - buf.position();
                    buf.position(buf.limit());
                }
                out.write(buf.array(), 0, buf.position());
                done += buf.position();
                progress.progress(done, size);
                if (Thread.currentThread().isInterrupted()) {
                    throw new SmError(SmErrorCode.EIO, "export cancelled");
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void importRaw(FileSr sr, String location, InputStream in, ProgressListener progress) {
        VdiMeta m = sr.locked(() -> writableLeaf(sr, location));
        Path raw = sr.store.temp("import");
        Path converted = null;
        try {
            receive(in, raw, m.virtualSize, progress);
            Path image = raw;
            if (m.format.equals("qcow2")) {
                converted = sr.store.temp("import");
                sr.qemu.convert(raw, "raw", converted, "qcow2");
                image = converted;
            }
            replace(sr, location, image);
        } finally {
            MetaStore.deleteQuietly(raw);
            if (converted != null) {
                MetaStore.deleteQuietly(converted);
            }
        }
    }

    /** Copies VDI {@code location} of {@code src} over VDI {@code destLocation} of {@code dest}. */
    static void copy(FileSr src, String location, FileSr dest, String destLocation, ProgressListener progress) {
        VdiMeta m = src.locked(() -> src.visible(location));
        VdiMeta d = dest.locked(() -> writableLeaf(dest, destLocation));
        Path tmp = dest.store.temp("copy");
        try {
            progress.progress(0, m.virtualSize);
            src.qemu.convert(src.store.image(m), m.format, tmp, d.format);
            replace(dest, destLocation, tmp);
            progress.progress(m.virtualSize, m.virtualSize);
        } finally {
            MetaStore.deleteQuietly(tmp);
        }
    }

    private static VdiMeta writableLeaf(FileSr sr, String location) {
        VdiMeta m = sr.visible(location);
        if (m.readOnly) {
            throw ErrorCodes.VDI_READONLY.error(location);
        }
        if (!sr.children(location).isEmpty()) {
            throw ErrorCodes.VDI_IN_USE.error(location, "import");
        }
        return m;
    }

    /** Writes the stream into a sparse raw file of exactly {@code size} bytes. */
    private static void receive(InputStream in, Path raw, long size, ProgressListener progress) {
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            FileChannel ch = f.getChannel();
            byte[] block = new byte[BLOCK];
            long done = 0;
            while (done < size) {
                int want = (int) Math.min(BLOCK, size - done);
                int n = in.readNBytes(block, 0, want);
                if (n > 0 && !isZero(block, n)) {
                    ch.write(ByteBuffer.wrap(block, 0, n), done);
                }
                done += n;
                progress.progress(done, size);
                if (n < want) {
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new SmError(SmErrorCode.EIO, "import cancelled");
                }
            }
            if (done == size && in.read() != -1) {
                throw new SmError(SmErrorCode.VDI_SIZE, "the image is larger than the VDI (" + size + " bytes)");
            }
            f.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Makes {@code image} (a file of the SR directory) the VDI's new, chain-less image. */
    private static void replace(FileSr sr, String location, Path image) {
        sr.locked(() -> {
            VdiMeta m = writableLeaf(sr, location);
            Path old = sr.store.image(m);
            Path target = sr.dir().resolve(location + FileSr.ext(m.format));
            String oldParent = m.parent;
            try {
                sr.store.move(image, target);
            } catch (IOException e) {
                throw new SmError(SmErrorCode.EIO, "cannot replace " + m.file + ": " + e.getMessage());
            }
            if (!old.equals(target)) {
                MetaStore.deleteQuietly(old);
            }
            m.file = target.getFileName().toString();
            m.parent = "";
            m.resetBase = "";
            sr.store.save(m);
            sr.gc(oldParent);
            return null;
        });
    }
}
