package org.jxapi.sm.file.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;
import org.jxapi.xenapi.model.ErrorCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots, clones and reset-on-boot as qcow2 backing chains, without copying data. A read-only
 * image (a snapshot) simply gets a new overlay. A writable VDI is split: its image is renamed to
 * become the read-only base (the snapshot itself, or a hidden node for a clone) and the VDI gets a
 * fresh empty overlay over it under its old name, so its location never changes. Each split first
 * writes the new node's sidecar with a {@code pending} marker, which {@link #recover} uses to
 * finish or undo it after a crash.
 */
final class Chains {
    private static final Logger LOG = LoggerFactory.getLogger(Chains.class);
    private final FileSr sr;

    Chains(FileSr sr) {
        this.sr = sr;
    }

    VdiInfo snapshot(VdiInfo request) {
        return sr.locked(() -> {
            VdiMeta src = sr.visible(request.vdi());
            if (src.readOnly) {
                return sr.info(overlayOf(src, true, request));
            }
            VdiMeta snap = split(src, "snapshot:" + src.location, SmErrorCode.VDI_SNAPSHOT, false);
            finishSnapshot(snap, request);
            return sr.info(snap);
        });
    }

    VdiInfo clone(VdiInfo request) {
        return sr.locked(() -> {
            VdiMeta src = sr.visible(request.vdi());
            if (src.readOnly) {
                return sr.info(overlayOf(src, false, request));
            }
            VdiMeta base = split(src, "clone:" + src.location, SmErrorCode.VDI_CLONE, true);
            VdiMeta clone;
            try {
                clone = overlayOf(base, false, request);
                clone.nameLabel = src.nameLabel;
                clone.nameDescription = src.nameDescription;
                clone.type = src.type;
                clone.sharable = src.sharable;
                sr.store.save(clone);
            } finally {
                base.pending = "";
                sr.store.save(base);
                sr.gc(base.location);
            }
            return sr.info(clone);
        });
    }

    private void finishSnapshot(VdiMeta snap, VdiInfo request) {
        snap.isASnapshot = true;
        snap.snapshotOf = request.vdi();
        snap.snapshotTime = sr.snapshotTimeNow();
        snap.smConfig.putAll(request.smConfig());
        snap.smConfig.remove("image-format");
        snap.pending = "";
        sr.store.save(snap);
    }

    private void checkDepth(VdiMeta m) {
        if (sr.depth(m) + 1 > sr.maxChain) {
            throw new SmError(SmErrorCode.SNAPSHOT_CHAIN_TOO_LONG, m.location + " is " + sr.depth(m) + " images deep");
        }
    }

    /** A new qcow2 overlay over read-only image {@code base}: a snapshot or a writable clone. */
    private VdiMeta overlayOf(VdiMeta base, boolean snapshot, VdiInfo request) {
        checkDepth(base);
        String location = UUID.randomUUID().toString();
        VdiMeta m = base.copy();
        m.location = location;
        m.uuid = location;
        m.format = "qcow2";
        m.file = location + ".qcow2";
        m.parent = base.location;
        m.hidden = false;
        m.pending = "";
        m.resetBase = "";
        m.persistent = true;
        m.readOnly = snapshot;
        m.isASnapshot = snapshot;
        m.snapshotOf = snapshot ? request.vdi() : "";
        m.snapshotTime = snapshot ? sr.snapshotTimeNow() : "";
        m.smConfig.putAll(request.smConfig());
        m.smConfig.remove("image-format");
        Path image = sr.store.image(m);
        sr.qemu.createOverlay(image, sr.store.image(base), base.format, base.virtualSize,
                snapshot ? SmErrorCode.VDI_SNAPSHOT : SmErrorCode.VDI_CLONE);
        try {
            sr.store.save(m);
        } catch (RuntimeException e) {
            MetaStore.deleteQuietly(image);
            throw e;
        }
        return m;
    }

    /**
     * Turns writable VDI {@code v}'s image into a new read-only node (hidden or not) and gives
     * {@code v} an empty overlay over it. Returns the new node, still marked pending.
     */
    private VdiMeta split(VdiMeta v, String pending, SmErrorCode onError, boolean hidden) {
        if (Boolean.TRUE.equals(sr.attached.get(v.location))) {
            throw ErrorCodes.VDI_IN_USE.error(v.location, pending.substring(0, pending.indexOf(':')));
        }
        checkDepth(v);
        String location = UUID.randomUUID().toString();
        VdiMeta node = v.copy();
        node.location = location;
        node.uuid = location;
        node.file = location + FileSr.ext(v.format);
        node.readOnly = true;
        node.hidden = hidden;
        node.resetBase = "";
        node.persistent = true;
        node.pending = pending;
        sr.store.save(node);
        Path vImage = sr.store.image(v);
        Path nodeImage = sr.store.image(node);
        try {
            sr.store.move(vImage, nodeImage);
        } catch (IOException e) {
            sr.store.delete(location);
            throw new SmError(onError, "rename of " + v.file + ": " + e.getMessage());
        }
        Path overlay = sr.dir().resolve(v.location + ".qcow2");
        try {
            sr.qemu.createOverlay(overlay, nodeImage, node.format, v.virtualSize, onError);
        } catch (RuntimeException e) {
            try {
                sr.store.move(nodeImage, vImage);
                sr.store.delete(location);
            } catch (IOException undo) {
                LOG.error("SR {}: cannot undo the split of {}: {}", sr.uuid, v.location, undo.toString());
            }
            throw e;
        }
        v.parent = location;
        v.format = "qcow2";
        v.file = overlay.getFileName().toString();
        sr.store.save(v);
        return node;
    }

    // ---- reset on boot

    /**
     * A VM starts with the VDI. A non-persistent VDI is split once, the first time, so that its
     * contents at that moment become its reset base; at each later start its overlay is emptied.
     * A VDI made persistent again keeps its changes: its base is merged back by the collector.
     */
    void epochBegin(String location, boolean persistent) {
        sr.locked(() -> {
            VdiMeta v = sr.visible(location);
            if (persistent || v.readOnly) {
                if (!v.resetBase.isEmpty()) {
                    String base = v.resetBase;
                    v.resetBase = "";
                    sr.store.save(v);
                    sr.gc(base);
                }
                return;
            }
            if (sr.attached.containsKey(location)) {
                throw ErrorCodes.VDI_IN_USE.error(location, "epoch_begin");
            }
            if (v.resetBase.isEmpty() || !v.resetBase.equals(v.parent)) {
                VdiMeta base = split(v, "reset:" + location, SmErrorCode.VDI_SNAPSHOT, true);
                v.resetBase = base.location;
                sr.store.save(v);
                base.pending = "";
                sr.store.save(base);
                return;
            }
            VdiMeta base = sr.store.load(v.resetBase);
            Path overlay = sr.store.image(v);
            Path fresh = sr.dir().resolve("." + v.location + "-reset.qcow2");
            sr.qemu.createOverlay(fresh, sr.store.image(base), base.format, v.virtualSize, SmErrorCode.VDI_SNAPSHOT);
            try {
                sr.store.move(fresh, overlay);
            } catch (IOException e) {
                MetaStore.deleteQuietly(fresh);
                throw new SmError(SmErrorCode.VDI_SNAPSHOT, "reset of " + location + ": " + e.getMessage());
            }
            LOG.info("SR {}: VDI {} reset to its base for a new boot", sr.uuid, location);
        });
    }

    // ---- crash recovery

    /** Finishes or undoes the operations that sidecars mark pending, and removes temporary files. */
    void recover() {
        sr.locked(() -> {
            for (VdiMeta m : sr.store.all()) {
                if (m.pending.isEmpty()) {
                    continue;
                }
                LOG.warn("SR {}: recovering interrupted operation {} on {}", sr.uuid, m.pending, m.location);
                if (m.pending.startsWith("coalesce:")) {
                    recoverCoalesce(m);
                } else {
                    recoverSplit(m);
                }
            }
            try (var ds = Files.newDirectoryStream(sr.dir(), ".*")) {
                for (Path p : ds) {
                    MetaStore.deleteQuietly(p);
                }
            } catch (IOException e) {
                LOG.warn("SR {}: cannot remove temporary files: {}", sr.uuid, e.toString());
            }
        });
    }

    private void recoverSplit(VdiMeta node) {
        String source = node.pending.substring(node.pending.indexOf(':') + 1);
        VdiMeta v = sr.store.load(source);
        Path nodeImage = sr.store.image(node);
        if (!Files.exists(nodeImage)) {
            sr.store.delete(node.location);
            return;
        }
        if (v != null && !v.parent.equals(node.location)) {
            Path overlay = sr.dir().resolve(v.location + ".qcow2");
            if (!Files.exists(overlay) || overlay.equals(nodeImage)) {
                sr.qemu.createOverlay(overlay, nodeImage, node.format, node.virtualSize, SmErrorCode.VDI_SNAPSHOT);
            }
            v.parent = node.location;
            v.format = "qcow2";
            v.file = overlay.getFileName().toString();
            if (node.pending.startsWith("reset:")) {
                v.resetBase = node.location;
            }
            sr.store.save(v);
        }
        node.pending = "";
        sr.store.save(node);
    }

    private void recoverCoalesce(VdiMeta merged) {
        String[] parts = merged.pending.split(":", 3);
        Path parentImage = sr.dir().resolve(parts[2]);
        Path target = sr.dir().resolve(merged.file);
        Path oldImage = sr.dir().resolve(merged.location + ".qcow2");
        if (Files.exists(parentImage)) {
            try {
                sr.store.move(parentImage, target);
            } catch (IOException e) {
                throw new SmError(SmErrorCode.SM_GENERAL, "recovery of a coalesce: " + e.getMessage());
            }
        }
        sr.finishCoalesce(merged, oldImage, target);
    }
}
