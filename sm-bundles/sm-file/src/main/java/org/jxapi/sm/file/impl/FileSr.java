package org.jxapi.sm.file.impl;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;
import org.jxapi.xenapi.model.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attached file SR: a directory of images ({@code <location>.qcow2} or {@code .raw}) with a
 * JSON sidecar each. Snapshots and clones are qcow2 backing chains (see {@link Chains}); an image
 * that VDIs still depend on after its own VDI went away stays as a hidden node, and is merged into
 * its only remaining child ("coalesced") as soon as that child is not in use. One lock serialises
 * the SR's metadata changes; data copies run outside it.
 */
final class FileSr {
    private static final Logger LOG = LoggerFactory.getLogger(FileSr.class);

    final String uuid;
    final MetaStore store;
    final QemuImg qemu;
    final long maxSize;
    final int maxChain;
    final String defaultFormat;
    final ReentrantLock lock = new ReentrantLock();
    /** Locations attached on this host, with whether read-write. */
    final Map<String, Boolean> attached = new ConcurrentHashMap<>();

    FileSr(String uuid, Path dir, QemuImg qemu, long maxSize, int maxChain, String defaultFormat) {
        this.uuid = uuid;
        this.store = new MetaStore(dir);
        this.qemu = qemu;
        this.maxSize = maxSize;
        this.maxChain = maxChain;
        this.defaultFormat = defaultFormat;
    }

    <T> T locked(Supplier<T> f) {
        lock.lock();
        try {
            return f.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable r) {
        locked(() -> {
            r.run();
            return null;
        });
    }

    Path dir() {
        return store.dir();
    }

    static String ext(String format) {
        return "raw".equals(format) ? ".raw" : ".qcow2";
    }

    static long roundUp(long size) {
        return (size + 511) / 512 * 512;
    }

    /** A visible VDI's metadata; VDI_MISSING for unknown and hidden ones. */
    VdiMeta visible(String location) {
        VdiMeta m = location == null || location.isEmpty() || location.contains("/") ? null : store.load(location);
        if (m == null || m.hidden) {
            throw SmError.vdiMissing(location);
        }
        return m;
    }

    List<VdiMeta> children(String location) {
        List<VdiMeta> kids = new ArrayList<>();
        for (VdiMeta m : store.all()) {
            if (m.parent.equals(location)) {
                kids.add(m);
            }
        }
        return kids;
    }

    int depth(VdiMeta m) {
        int d = 1;
        String p = m.parent;
        while (!p.isEmpty() && d <= maxChain + 1) {
            VdiMeta pm = store.load(p);
            if (pm == null) {
                break;
            }
            d++;
            p = pm.parent;
        }
        return d;
    }

    long physical(VdiMeta m) {
        try {
            return Files.size(store.image(m));
        } catch (IOException e) {
            return 0;
        }
    }

    VdiInfo info(VdiMeta m) {
        return m.toInfo(physical(m));
    }

    void checkSize(long size) {
        if (size < 0 || size > maxSize) {
            throw new SmError(SmErrorCode.VDI_SIZE, "VDI size must be between 0 and " + maxSize + " bytes, not " + size);
        }
    }

    // ---- scan

    List<VdiInfo> scan() {
        return locked(() -> {
            adoptNewImages();
            List<VdiInfo> all = new ArrayList<>();
            for (VdiMeta m : store.all()) {
                if (!m.hidden && m.pending.isEmpty()) {
                    all.add(info(m));
                }
            }
            all.sort(java.util.Comparator.comparing(VdiInfo::vdi));
            return all;
        });
    }

    /** Gives images copied into the directory by hand a sidecar, which makes them VDIs. */
    private void adoptNewImages() {
        List<VdiMeta> adopted = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(), "*.{qcow2,raw,img}")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                String stem = name.substring(0, name.lastIndexOf('.'));
                if (name.startsWith(".") || stem.isEmpty() || stem.equals("sr") || Files.exists(store.sidecar(stem))) {
                    continue;
                }
                VdiMeta m = adopt(p, stem);
                if (m != null) {
                    adopted.add(m);
                }
            }
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_SCAN, dir() + ": " + e.getMessage());
        }
        // An image that others were built on must not change under them: make it read-only.
        for (VdiMeta m : adopted) {
            VdiMeta parent = m.parent.isEmpty() ? null : store.load(m.parent);
            if (parent != null && !parent.readOnly) {
                parent.readOnly = true;
                store.save(parent);
            }
        }
    }

    private VdiMeta adopt(Path image, String stem) {
        QemuImg.Info i;
        try {
            i = qemu.info(image);
        } catch (SmError e) {
            LOG.warn("SR {}: cannot read image {}: {}", uuid, image, e.reason());
            return null;
        }
        if (!i.format().equals("qcow2") && !i.format().equals("raw")) {
            LOG.warn("SR {}: ignoring {}: format {} is neither qcow2 nor raw", uuid, image, i.format());
            return null;
        }
        VdiMeta m = new VdiMeta();
        m.location = stem;
        m.file = image.getFileName().toString();
        m.format = i.format();
        m.uuid = isUuid(stem) ? stem : UUID.randomUUID().toString();
        m.nameLabel = stem;
        m.contentId = UUID.randomUUID().toString();
        m.virtualSize = i.virtualSize();
        String backing = i.backing();
        if (!backing.isEmpty() && !backing.contains("/") && backing.contains(".")) {
            m.parent = backing.substring(0, backing.lastIndexOf('.'));
        }
        store.save(m);
        LOG.info("SR {}: adopted {} as VDI {}", uuid, image.getFileName(), m.uuid);
        return m;
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- create

    VdiInfo create(VdiInfo info) {
        checkSize(info.virtualSize());
        String format = formatOf(info.smConfig());
        long size = roundUp(info.virtualSize());
        return locked(() -> {
            String location = UUID.randomUUID().toString();
            VdiMeta m = new VdiMeta();
            m.location = location;
            m.uuid = location;
            m.format = format;
            m.file = location + ext(format);
            m.nameLabel = info.nameLabel();
            m.nameDescription = info.nameDescription();
            m.type = info.type();
            m.smConfig.putAll(info.smConfig());
            m.smConfig.remove("image-format");
            m.sharable = info.sharable();
            m.readOnly = info.readOnly();
            m.metadataOfPool = info.metadataOfPool();
            m.contentId = UUID.randomUUID().toString();
            m.virtualSize = size;
            Path image = store.image(m);
            try {
                if (format.equals("raw")) {
                    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                        f.setLength(size);
                    }
                } else {
                    qemu.createQcow2(image, size, SmErrorCode.VDI_CREATE);
                }
                store.save(m);
            } catch (IOException | RuntimeException e) {
                MetaStore.deleteQuietly(image);
                store.delete(location);
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new SmError(SmErrorCode.VDI_CREATE, e.getMessage());
            }
            return info(m);
        });
    }

    private String formatOf(Map<String, String> smConfig) {
        String f = smConfig.getOrDefault("image-format", "raw".equals(smConfig.get("type")) ? "raw" : defaultFormat);
        if (!f.equals("qcow2") && !f.equals("raw")) {
            throw new SmError(SmErrorCode.VDI_TYPE, "image-format must be qcow2 or raw, not " + f);
        }
        return f;
    }

    // ---- destroy and garbage collection

    void destroy(String location) {
        locked(() -> {
            VdiMeta m = visible(location);
            if (attached.containsKey(location)) {
                throw ErrorCodes.VDI_IN_USE.error(location, "destroy");
            }
            if (children(location).isEmpty()) {
                MetaStore.deleteQuietly(store.image(m));
                store.delete(location);
                store.syncDir();
                gc(m.parent);
            } else {
                m.hidden = true;
                m.readOnly = true;
                store.save(m);
                gc(location);
            }
        });
    }

    /**
     * Removes hidden nodes nothing depends on, and merges a hidden node into its only child
     * unless that child is in use or resets to it at each boot. Call with the lock held.
     */
    void gc(String location) {
        if (location.isEmpty()) {
            return;
        }
        VdiMeta n = store.load(location);
        if (n == null || !n.hidden || !n.pending.isEmpty()) {
            return;
        }
        List<VdiMeta> kids = children(location);
        if (kids.isEmpty()) {
            MetaStore.deleteQuietly(store.image(n));
            store.delete(location);
            store.syncDir();
            LOG.info("SR {}: removed unused image {}", uuid, n.file);
            gc(n.parent);
        } else if (kids.size() == 1) {
            VdiMeta k = kids.get(0);
            if (attached.containsKey(k.location) || location.equals(k.resetBase) || !k.pending.isEmpty()) {
                return;
            }
            coalesce(n, k);
        }
    }

    /**
     * Merges hidden node {@code p} into its only child {@code k}: k's changes are committed into
     * p's image, which then takes k's name. Children of k, if any, are pointed at the new image.
     */
    private void coalesce(VdiMeta p, VdiMeta k) {
        long t0 = System.nanoTime();
        Path pImage = store.image(p);
        Path kImage = store.image(k);
        if (p.virtualSize < k.virtualSize) {
            qemu.resize(pImage, p.format, k.virtualSize);
        }
        qemu.commit(kImage);
        VdiMeta merged = k.copy();
        merged.parent = p.parent;
        merged.format = p.format;
        merged.file = k.location + ext(p.format);
        merged.pending = "coalesce:" + p.location + ":" + p.file;
        store.save(merged);
        Path target = store.dir().resolve(merged.file);
        try {
            store.move(pImage, target);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SM_GENERAL, "coalesce of " + p.file + " into " + k.file + ": " + e.getMessage());
        }
        finishCoalesce(merged, kImage, target);
        LOG.info("SR {}: coalesced {} into {} in {} ms", uuid, p.file, k.location, (System.nanoTime() - t0) / 1_000_000);
        gc(merged.parent);
    }

    /** The last steps of a coalesce, also run by recovery: tidy up and clear the marker. */
    void finishCoalesce(VdiMeta merged, Path oldImage, Path newImage) {
        String[] parts = merged.pending.split(":", 3);
        if (!oldImage.equals(newImage)) {
            for (VdiMeta c : children(merged.location)) {
                qemu.rebaseUnsafe(store.image(c), newImage, merged.format);
            }
            MetaStore.deleteQuietly(oldImage);
        }
        if (parts.length >= 2) {
            store.delete(parts[1]);
        }
        merged.pending = "";
        store.save(merged);
    }

    /** Runs garbage collection over every hidden node (after attach and recovery). */
    void gcAll() {
        locked(() -> {
            for (VdiMeta m : store.all()) {
                if (m.hidden) {
                    gc(m.location);
                }
            }
        });
    }

    // ---- resize and metadata

    long resize(String location, long newSize) {
        return locked(() -> {
            VdiMeta m = visible(location);
            if (m.readOnly) {
                throw ErrorCodes.VDI_READONLY.error(location);
            }
            if (newSize < m.virtualSize) {
                throw new SmError(SmErrorCode.VDI_SIZE, "shrinking is not allowed (" + m.virtualSize + " > " + newSize + ")");
            }
            checkSize(newSize);
            long size = roundUp(newSize);
            if (size != m.virtualSize) {
                if (m.format.equals("raw")) {
                    try (RandomAccessFile f = new RandomAccessFile(store.image(m).toFile(), "rw")) {
                        f.setLength(size);
                    } catch (IOException e) {
                        throw new SmError(SmErrorCode.VDI_RESIZE, e.getMessage());
                    }
                } else {
                    qemu.resize(store.image(m), "qcow2", size);
                }
                m.virtualSize = size;
                store.save(m);
            }
            return size;
        });
    }

    void update(String location, java.util.function.Consumer<VdiMeta> change) {
        locked(() -> {
            VdiMeta m = visible(location);
            change.accept(m);
            store.save(m);
        });
    }

    VdiInfo stat(String location) {
        return locked(() -> info(visible(location)));
    }

    VdiInfo introduce(String uuid, String location) {
        return locked(() -> {
            adoptNewImages();
            VdiMeta m = store.load(location);
            if (m == null || m.hidden) {
                throw ErrorCodes.VDI_LOCATION_MISSING.error(this.uuid, location);
            }
            if (!uuid.isEmpty() && !uuid.equals(m.uuid)) {
                m.uuid = uuid;
                store.save(m);
            }
            return info(m);
        });
    }

    // ---- attach

    Path attach(String location, boolean rw) {
        return locked(() -> {
            VdiMeta m = visible(location);
            if (rw && m.readOnly) {
                throw ErrorCodes.VDI_READONLY.error(location);
            }
            attached.put(location, rw);
            return store.image(m);
        });
    }

    void detach(String location) {
        locked(() -> {
            attached.remove(location);
            VdiMeta m = store.load(location);
            if (m != null) {
                gc(m.parent);
            }
        });
    }

    String snapshotTimeNow() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
