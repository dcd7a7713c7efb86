package org.jxapi.xenops.qemu.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jxapi.storage.api.Backend;
import org.jxapi.storage.api.Implementation;
import org.jxapi.storage.api.Storage;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.XenopsErrorCode;
import org.jxapi.xenops.api.XenopsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the disk a VBD or suspend image names into something qemu can open: a local path as it
 * is, or a VDI ({@code <sr>/<vdi>}) attached and activated through the storage multiplexer on a
 * datapath of its own, and later deactivated and detached again.
 */
final class StorageLink {
    private static final Logger LOG = LoggerFactory.getLogger(StorageLink.class);

    /** An opened medium: the path and format qemu uses, and the datapath holding it (null for a local path). */
    record Medium(String path, String format, String dp, String sr, String vdi) {
    }

    private final Supplier<Storage> storage;

    StorageLink(Supplier<Storage> storage) {
        this.storage = storage;
    }

    Medium open(String dbg, Disk disk, String dp, String vm, boolean readWrite) {
        if (disk.kind() == Disk.Kind.LOCAL) {
            Path p = Path.of(disk.value());
            if (!Files.exists(p)) {
                throw XenopsException.of(XenopsErrorCode.STORAGE_BACKEND_ERROR, "VDI_MISSING", disk.value());
            }
            return new Medium(p.toString(), Disks.probeFormat(p), null, null, null);
        }
        String[] srVdi = splitVdi(disk.value());
        Storage s = required();
        try {
            s.dpCreate(dbg, dp);
            Backend b = s.vdiAttach(dbg, dp, srVdi[0], srVdi[1], vm, readWrite);
            if (readWrite) {
                s.vdiActivate(dbg, dp, srVdi[0], srVdi[1], vm);
            } else {
                s.vdiActivateReadonly(dbg, dp, srVdi[0], srVdi[1], vm);
            }
            for (Implementation i : b.implementations()) {
                if (i instanceof Implementation.File f) {
                    return new Medium(f.path(), f.format() == null ? Disks.probeFormat(Path.of(f.path())) : f.format(),
                            dp, srVdi[0], srVdi[1]);
                }
                if (i instanceof Implementation.BlockDevice bd) {
                    return new Medium(bd.path(), "raw", dp, srVdi[0], srVdi[1]);
                }
            }
            close(dbg, new Medium(null, null, dp, srVdi[0], srVdi[1]), vm);
            throw XenopsException.of(XenopsErrorCode.STORAGE_BACKEND_ERROR, "no file or block device for",
                    disk.value());
        } catch (XenopsException e) {
            throw e;
        } catch (RuntimeException e) {
            bestEffort(() -> s.dpDestroy(dbg, dp, true));
            throw XenopsException.of(XenopsErrorCode.STORAGE_BACKEND_ERROR, e.getMessage() == null ? e.toString()
                    : e.getMessage(), disk.value());
        }
    }

    /** Deactivates, detaches and forgets a VDI's datapath; a local path needs nothing. */
    void close(String dbg, Medium m, String vm) {
        if (m.dp() == null) {
            return;
        }
        Storage s = storage.get();
        if (s == null) {
            LOG.warn("storage has gone: datapath {} of VM {} is left to the storage multiplexer", m.dp(), vm);
            return;
        }
        bestEffort(() -> s.dpDestroy(dbg, m.dp(), true));
    }

    void epochBegin(String dbg, Disk disk, String vm, boolean persistent) {
        if (disk.kind() == Disk.Kind.VDI) {
            String[] srVdi = splitVdi(disk.value());
            required().vdiEpochBegin(dbg, srVdi[0], srVdi[1], vm, persistent);
        }
    }

    void epochEnd(String dbg, Disk disk, String vm) {
        if (disk.kind() == Disk.Kind.VDI) {
            String[] srVdi = splitVdi(disk.value());
            Storage s = storage.get();
            if (s != null) {
                bestEffort(() -> s.vdiEpochEnd(dbg, srVdi[0], srVdi[1], vm));
            }
        }
    }

    private Storage required() {
        Storage s = storage.get();
        if (s == null) {
            throw XenopsException.of(XenopsErrorCode.STORAGE_BACKEND_ERROR, "no storage multiplexer", "");
        }
        return s;
    }

    static String[] splitVdi(String value) {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            throw XenopsException.of(XenopsErrorCode.STORAGE_BACKEND_ERROR, "not <sr>/<vdi>", value);
        }
        return new String[] {value.substring(0, slash), value.substring(slash + 1)};
    }

    private static void bestEffort(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("ignored: {}", e.toString());
        }
    }
}
