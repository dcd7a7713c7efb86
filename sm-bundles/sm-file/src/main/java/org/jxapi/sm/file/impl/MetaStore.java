package org.jxapi.sm.file.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jxapi.common.io.AtomicFile;
import org.jxapi.sm.support.SidecarFile;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The sidecar files of one SR directory, in the SR drivers' one sidecar format (JSON, the
 * XenAPI's field names; {@link SidecarFile}). Every write goes to a temporary file that is
 * flushed and then renamed over the old one, so a crash leaves either the old or the new
 * sidecar, never half of one. Temporary files start with a dot, which scans skip.
 */
final class MetaStore {
    private static final Logger LOG = LoggerFactory.getLogger(MetaStore.class);
    static final String SR_FILE = "sr.json";
    private final Path dir;

    MetaStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path sidecar(String location) {
        return dir.resolve(location + ".json");
    }

    Path image(VdiMeta m) {
        return dir.resolve(m.file);
    }

    VdiMeta load(String location) {
        if (location.isEmpty() || location.equals("sr") || location.startsWith(".") || location.contains("/")) {
            // Not a VDI: the SR's own file, a temporary file, or a path out of the directory.
            return null;
        }
        SidecarFile<VdiMeta> f = vdiFile(location);
        try {
            return f.load().map(m -> m.loaded(location)).orElse(null);
        } catch (JsonProcessingException | RuntimeException e) {
            // Parsed but not a sidecar (hand-edited, truncated by another tool): not a VDI.
            LOG.warn("ignoring unreadable sidecar {}: {}", f.path(), e.toString());
            return null;
        } catch (IOException e) {
            throw new SmError(SmErrorCode.VDI_LOAD, f.path() + ": " + e.getMessage());
        }
    }

    private SidecarFile<VdiMeta> vdiFile(String location) {
        return SidecarFile.of(sidecar(location), VdiMeta.class, true);
    }

    private SidecarFile<Map<String, Object>> srFile() {
        return SidecarFile.mapOf(dir.resolve(SR_FILE), Object.class, true);
    }

    void save(VdiMeta m) {
        try {
            vdiFile(m.location).save(m);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.EIO, sidecar(m.location) + ": " + e.getMessage());
        }
    }

    void delete(String location) {
        deleteQuietly(sidecar(location));
    }

    /** Every sidecar of the directory, hidden nodes included. */
    List<VdiMeta> all() {
        List<VdiMeta> all = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.equals(SR_FILE)) {
                    continue;
                }
                VdiMeta m = load(name.substring(0, name.length() - ".json".length()));
                if (m != null) {
                    all.add(m);
                }
            }
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_SCAN, dir + ": " + e.getMessage());
        }
        return all;
    }

    Map<String, Object> loadSr() {
        try {
            return srFile().load().orElse(null);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, dir + ": " + e.getMessage());
        }
    }

    void saveSr(Map<String, Object> sr) {
        try {
            srFile().save(sr);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.EIO, dir.resolve(SR_FILE) + ": " + e.getMessage());
        }
    }

    /** A name for a temporary file in the SR directory. */
    Path temp(String what) {
        return dir.resolve("." + what + "-" + UUID.randomUUID());
    }

    /** Renames within the SR directory, replacing the target atomically. */
    void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir();
    }

    /** Makes renames and deletions durable. */
    void syncDir() {
        try {
            AtomicFile.syncDirectory(dir);
        } catch (IOException e) {
            // Some file systems refuse to force a directory; the rename is still atomic.
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
