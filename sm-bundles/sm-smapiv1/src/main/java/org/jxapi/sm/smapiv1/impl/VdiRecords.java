package org.jxapi.sm.smapiv1.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;

/**
 * What a SMAPIv1 driver would have written into xapi's database through the XenAPI: the VDIs of
 * one SR, with names, sizes and snapshot relations. Kept in a properties file per SR, replaced
 * atomically on each change.
 */
final class VdiRecords {
    private static final String[] FIELDS = {"uuid", "name_label", "name_description", "type", "is_a_snapshot",
        "snapshot_of", "snapshot_time", "read_only", "virtual_size", "content_id", "sharable", "persistent"};
    private final Path file;

    VdiRecords(Path file) {
        this.file = file;
    }

    synchronized Map<String, VdiInfo> load() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new SmError(SmErrorCode.SR_SCAN, file + ": " + e.getMessage());
        }
        Map<String, VdiInfo> out = new LinkedHashMap<>();
        TreeSet<String> locations = new TreeSet<>();
        p.stringPropertyNames().forEach(k -> locations.add(k.substring(0, k.lastIndexOf('.'))));
        for (String loc : locations) {
            String time = p.getProperty(loc + ".snapshot_time", "");
            VdiInfo.Builder b = VdiInfo.builder().vdi(loc).uuid(p.getProperty(loc + ".uuid"))
                    .nameLabel(p.getProperty(loc + ".name_label")).nameDescription(p.getProperty(loc + ".name_description"))
                    .type(p.getProperty(loc + ".type")).isASnapshot(Boolean.parseBoolean(p.getProperty(loc + ".is_a_snapshot")))
                    .snapshotOf(p.getProperty(loc + ".snapshot_of"))
                    .snapshotTime(time.isEmpty() ? Instant.EPOCH : Instant.parse(time))
                    .readOnly(Boolean.parseBoolean(p.getProperty(loc + ".read_only")))
                    .virtualSize(Long.parseLong(p.getProperty(loc + ".virtual_size", "0")))
                    .contentId(p.getProperty(loc + ".content_id"))
                    .sharable(Boolean.parseBoolean(p.getProperty(loc + ".sharable")))
                    .persistent(Boolean.parseBoolean(p.getProperty(loc + ".persistent", "true")));
            out.put(loc, b.build());
        }
        return out;
    }

    synchronized void save(Map<String, VdiInfo> vdis) {
        Properties p = new Properties();
        for (VdiInfo v : vdis.values()) {
            String[] values = {v.uuid(), v.nameLabel(), v.nameDescription(), v.type(), Boolean.toString(v.isASnapshot()),
                v.snapshotOf(), v.snapshotTime().equals(Instant.EPOCH) ? "" : v.snapshotTime().toString(),
                Boolean.toString(v.readOnly()), Long.toString(v.virtualSize()), v.contentId(),
                Boolean.toString(v.sharable()), Boolean.toString(v.persistent())};
            for (int i = 0; i < FIELDS.length; i++) {
                p.setProperty(v.vdi() + "." + FIELDS[i], values[i]);
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "VDIs of a SMAPIv1 SR, as its driver reported them");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.EIO, file + ": " + e.getMessage());
        }
    }

    synchronized void update(String location, java.util.function.UnaryOperator<VdiInfo> f) {
        Map<String, VdiInfo> all = load();
        VdiInfo v = all.get(location);
        if (v == null) {
            throw SmError.vdiMissing(location);
        }
        all.put(location, f.apply(v));
        save(all);
    }

    synchronized void put(VdiInfo v) {
        Map<String, VdiInfo> all = load();
        all.put(v.vdi(), v);
        save(all);
    }

    synchronized void remove(String location) {
        Map<String, VdiInfo> all = load();
        all.remove(location);
        save(all);
    }

    synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.EIO, file + ": " + e.getMessage());
        }
    }

    List<VdiInfo> list() {
        return new ArrayList<>(load().values());
    }
}
