package org.jxapi.xenops.simulator.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.jxapi.xenops.json.XenopsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated hypervisor's domains, keyed by VM uuid, optionally one JSON file per domain under
 * a directory. Files are replaced by rename, so a process killed at any point leaves each file
 * whole; they are not fsynced, since like a hypervisor's domain list they need not outlive a host
 * reboot. Not thread-safe: the backend's lock guards it.
 */
final class DomainTable {
    private static final Logger LOG = LoggerFactory.getLogger(DomainTable.class);
    private final Map<String, Domain> domains = new HashMap<>();
    private final Path dir;
    private int nextDomid;

    DomainTable(Path dir) {
        this.dir = dir;
        if (dir != null) {
            load();
        }
        nextDomid = domains.values().stream().mapToInt(d -> d.domid).max().orElse(0) + 1;
    }

    private void load() {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                for (Path f : files) {
                    try {
                        Domain d = Domain.fromJson(XenopsJson.parse(Files.readAllBytes(f)));
                        domains.put(d.uuid, d);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("ignoring unreadable simulated domain {}: {}", f, e.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Domain get(String uuid) {
        return domains.get(uuid);
    }

    Collection<Domain> all() {
        return domains.values();
    }

    int allocateDomid() {
        return nextDomid++;
    }

    void save(Domain d) {
        domains.put(d.uuid, d);
        if (dir == null) {
            return;
        }
        Path file = dir.resolve(d.uuid + ".json");
        Path tmp = dir.resolve(d.uuid + ".json.tmp");
        try {
            Files.write(tmp, XenopsJson.write(d.toJson()));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String uuid) {
        domains.remove(uuid);
        if (dir != null) {
            try {
                Files.deleteIfExists(dir.resolve(uuid + ".json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
