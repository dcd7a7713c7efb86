package org.jxapi.sm.file.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar files of one SR directory. Every write goes to a temporary file that is flushed
 * and then renamed over the old one, so a crash leaves either the old or the new sidecar, never
 * half of one. Temporary files start with a dot, which scans skip.
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
        Path p = sidecar(location);
        try {
            return VdiMeta.fromJson(location, Json.read(Files.readAllBytes(p)));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new SmError(SmErrorCode.VDI_LOAD, p + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("ignoring unreadable sidecar {}: {}", p, e.toString());
            return null;
        }
    }

    void save(VdiMeta m) {
        writeAtomically(sidecar(m.location), Json.write(m.toJson()));
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
            return Json.read(Files.readAllBytes(dir.resolve(SR_FILE)));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_UNAVAILABLE, dir + ": " + e.getMessage());
        }
    }

    void saveSr(Map<String, Object> sr) {
        writeAtomically(dir.resolve(SR_FILE), Json.write(sr));
    }

    /** A name for a temporary file in the SR directory. */
    Path temp(String what) {
        return dir.resolve("." + what + "-" + UUID.randomUUID());
    }

    void writeAtomically(Path target, byte[] bytes) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            move(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new SmError(SmErrorCode.EIO, target + ": " + e.getMessage());
        }
    }

    /** Renames within the SR directory, replacing the target atomically. */
    void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDir();
    }

    /** Makes renames and deletions durable. */
    void syncDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {}: {}", dir, e.toString());
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
