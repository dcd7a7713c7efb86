package org.jxapi.sm.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jxapi.common.io.AtomicFile;

import com.fasterxml.jackson.databind.JavaType;

/**
 * One JSON sidecar file of an SR driver: the metadata that the toolstack would otherwise lose,
 * kept beside the data or in the driver's state directory. Writes are atomic
 * ({@link AtomicFile}); reads of a file in an older format go through {@link #migrating}, which
 * converts it once, so that existing SRs keep their VDIs' names.
 *
 * @param <T> a sidecar class (fields named as the XenAPI's snake_case fields) or a map of them
 */
public final class SidecarFile<T> {
    /** Reads a file of an older format. */
    @FunctionalInterface
    public interface LegacyReader<T> {
        T read(Path legacy) throws IOException;
    }

    private final Path file;
    private final JavaType type;
    private final boolean fsync;

    private SidecarFile(Path file, JavaType type, boolean fsync) {
        this.file = file;
        this.type = type;
        this.fsync = fsync;
    }

    /** A sidecar holding one {@code type}. */
    public static <T> SidecarFile<T> of(Path file, Class<T> type, boolean fsync) {
        return new SidecarFile<>(file, Json.type(type), fsync);
    }

    /** A sidecar holding a map from names (VDI locations) to {@code value}s, in file order. */
    public static <V> SidecarFile<Map<String, V>> mapOf(Path file, Class<V> value, boolean fsync) {
        return new SidecarFile<>(file, Json.mapOf(value), fsync);
    }

    public Path path() {
        return file;
    }

    /** The content, or empty if there is no file; IOException for one that cannot be read or parsed. */
    public Optional<T> load() throws IOException {
        try {
            return Optional.of(Json.read(file, type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * As {@link #load}, but where only {@code legacy} exists, reads it with {@code reader},
     * writes it in this format and removes it: the conversion happens once.
     */
    public Optional<T> migrating(Path legacy, LegacyReader<T> reader) throws IOException {
        Optional<T> now = load();
        if (now.isPresent() || !Files.exists(legacy)) {
            return now;
        }
        T old = reader.read(legacy);
        save(old);
        Files.deleteIfExists(legacy);
        return Optional.of(old);
    }

    public void save(T value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = Json.bytes(value);
        AtomicFile.write(file, fsync ? AtomicFile.Sync.DATA_AND_DIRECTORY : AtomicFile.Sync.NONE, out -> out.write(bytes));
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
