package org.jxapi.networkd.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.jxapi.common.io.AtomicFile;
import org.jxapi.networkd.api.NetworkConfig;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.impl.json.NetworkdJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * networkd.db: the remembered configuration in the original's {@code config_t} JSON. Each write
 * replaces the file atomically and forces file and directory, so an acknowledged change survives a
 * crash. A file that cannot be read is kept beside as {@code networkd.db.corrupt} and networkd starts
 * with nothing remembered rather than not at all.
 */
final class ConfigStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);
    private final Path file;

    ConfigStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    NetworkConfig load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return NetworkConfig.EMPTY;
        } catch (IOException e) {
            throw new NetworkdException(NetworkdErrorCode.READ_ERROR, java.util.List.of(file.toString()), e);
        }
        try {
            return NetworkdJson.readConfig(bytes);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            LOG.warn("{} cannot be read ({}); kept as {}, starting with nothing remembered", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("could not keep {} aside: {}", file, moveFailed.toString());
            }
            return NetworkConfig.EMPTY;
        }
    }

    void save(NetworkConfig config) {
        try {
            Files.createDirectories(file.getParent());
            byte[] json = NetworkdJson.writeConfig(config);
            AtomicFile.write(file, AtomicFile.Sync.DATA_AND_DIRECTORY, out -> out.write(json));
        } catch (IOException e) {
            throw new NetworkdException(NetworkdErrorCode.WRITE_ERROR, java.util.List.of(file.toString()), e);
        }
    }
}
