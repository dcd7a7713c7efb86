package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jxapi.common.net.UnixSocketPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jxapi.xenops.json.XenopsJson;

/**
 * The domains this backend made, keyed by VM id, each persisted as {@code domains/<vm>.json} under
 * the state directory so that a restarted backend finds them again. Domids come from a counter
 * kept beside them and are never reused while the state directory lives. Per-VM files that outlive
 * a domain (UEFI variables, the guest's RTC offset) live under {@code vms/<vm>/}.
 */
final class DomainTable {
    private static final Logger LOG = LoggerFactory.getLogger(DomainTable.class);
    /** The one Unix socket path limit, less room for the longest socket name used in a run directory. */
    private static final int MAX_RUN_DIR = UnixSocketPath.MAX_BYTES - "/console.sock".length();

    private final Path stateDir;
    private final Path domainsDir;
    private final Map<String, Domain> domains = new ConcurrentHashMap<>();
    private int nextDomid;

    DomainTable(Path stateDir) {
        this.stateDir = stateDir;
        this.domainsDir = stateDir.resolve("domains");
        try {
            Files.createDirectories(domainsDir);
            Path counter = stateDir.resolve("next-domid");
            nextDomid = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path stateDir() {
        return stateDir;
    }

    /** Reads every persisted domain; unreadable files are logged and left alone. */
    List<Domain> load() {
        List<Domain> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(domainsDir, "*.json")) {
            for (Path f : ds) {
                try {
                    Domain d = Domain.fromJson(Qmp.JSON.readTree(f.toFile()));
                    domains.put(d.vmId, d);
                    nextDomid = Math.max(nextDomid, d.domid + 1);
                    out.add(d);
                } catch (IOException | RuntimeException e) {
                    LOG.error("cannot read domain file {}: {}", f, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    Domain get(String vmId) {
        return domains.get(vmId);
    }

    List<Domain> all() {
        return new ArrayList<>(domains.values());
    }

    /** A new domain with the next domid and its run directory (created empty). */
    synchronized Domain create(String vmId, double now) {
        int domid = nextDomid++;
        try {
            Files.writeString(stateDir.resolve("next-domid"), Integer.toString(nextDomid));
            Path run = runDir(domid);
            if (Files.exists(run)) {
                deleteTree(run);
            }
            Files.createDirectories(run);
            Domain d = new Domain(vmId, domid, run, now);
            domains.put(vmId, d);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Persists the domain; callers hold its monitor. */
    void save(Domain d) {
        if (domains.get(d.vmId) != d) {
            return;
        }
        write(domainsDir.resolve(d.vmId + ".json"), d.toJson());
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    private static void write(Path file, Object value) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, XenopsJson.write(value));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(Domain d) {
        domains.remove(d.vmId, d);
        try {
            Files.deleteIfExists(domainsDir.resolve(d.vmId + ".json"));
            deleteTree(d.runDir);
        } catch (IOException e) {
            LOG.warn("cannot clean up domain {} of VM {}: {}", d.domid, d.vmId, e.toString());
        }
    }

    /** A directory for per-VM files that outlive its domains. */
    Path vmDir(String vmId) {
        Path p = stateDir.resolve("vms").resolve(safe(vmId));
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** {@code <state>/run/<domid>}, or a short stand-in under /tmp when socket paths would not fit. */
    private Path runDir(int domid) {
        Path preferred = stateDir.resolve("run").resolve(Integer.toString(domid)).toAbsolutePath();
        if (preferred.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_RUN_DIR) {
            return preferred;
        }
        return Path.of("/tmp", "jxapi-qemu-" + digest(stateDir.toAbsolutePath().toString()), Integer.toString(domid));
    }

    static String safe(String vmId) {
        return vmId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            List<Path> all = s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path x : all) {
                Files.deleteIfExists(x);
            }
        }
    }
}
