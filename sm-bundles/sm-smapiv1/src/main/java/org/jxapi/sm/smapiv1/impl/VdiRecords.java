package org.jxapi.sm.smapiv1.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.jxapi.sm.support.SidecarFile;
import org.jxapi.sm.support.VdiSidecar;
import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.SmError;
import org.jxapi.storage.spi.SmErrorCode;

/**
 * What a SMAPIv1 driver would have written into xapi's database through the XenAPI: the VDIs of
 * one SR, with names, sizes and snapshot relations. Kept in {@code <sr>.json}, one
 * {@link VdiSidecar} per location, replaced atomically on each change. An SR recorded by an
 * earlier version in {@code <sr>.properties} is converted on first use.
 */
final class VdiRecords {
    private final SidecarFile<Map<String, VdiSidecar>> file;
    private final Path legacy;

    /** The records of one SR in {@code stateDir}. */
    VdiRecords(Path stateDir, String sr) {
        this.file = SidecarFile.mapOf(stateDir.resolve(sr + ".json"), VdiSidecar.class, false);
        this.legacy = stateDir.resolve(sr + ".properties");
    }

    synchronized Map<String, VdiInfo> load() {
        Map<String, VdiSidecar> stored;
        try {
            stored = file.migrating(legacy, VdiRecords::readProperties).orElseGet(Map::of);
        } catch (IOException | RuntimeException e) {
            throw new SmError(SmErrorCode.SR_SCAN, file.path() + ": " + e.getMessage());
        }
        Map<String, VdiInfo> out = new LinkedHashMap<>();
        stored.forEach((location, s) -> out.put(location, s.toInfo(location)));
        return out;
    }

    synchronized void save(Map<String, VdiInfo> vdis) {
        Map<String, VdiSidecar> out = new LinkedHashMap<>();
        vdis.forEach((location, v) -> out.put(location, VdiSidecar.of(v)));
        try {
            file.save(out);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.EIO, file.path() + ": " + e.getMessage());
        }
    }

    synchronized void update(String location, UnaryOperator<VdiInfo> f) {
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
            file.delete();
            Files.deleteIfExists(legacy);
        } catch (IOException e) {
            throw new SmError(SmErrorCode.EIO, file.path() + ": " + e.getMessage());
        }
    }

    List<VdiInfo> list() {
        return new ArrayList<>(load().values());
    }

    /** The format before the JSON sidecars: {@code <location>.<field>} properties. */
    private static Map<String, VdiSidecar> readProperties(Path legacy) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(legacy)) {
            p.load(in);
        }
        Map<String, VdiSidecar> out = new LinkedHashMap<>();
        TreeSet<String> locations = new TreeSet<>();
        p.stringPropertyNames().forEach(k -> locations.add(k.substring(0, k.lastIndexOf('.'))));
        for (String loc : locations) {
            String time = p.getProperty(loc + ".snapshot_time", "");
            VdiInfo v = VdiInfo.builder().vdi(loc).uuid(p.getProperty(loc + ".uuid"))
                    .nameLabel(p.getProperty(loc + ".name_label")).nameDescription(p.getProperty(loc + ".name_description"))
                    .type(p.getProperty(loc + ".type")).isASnapshot(Boolean.parseBoolean(p.getProperty(loc + ".is_a_snapshot")))
                    .snapshotOf(p.getProperty(loc + ".snapshot_of"))
                    .snapshotTime(time.isEmpty() ? Instant.EPOCH : Instant.parse(time))
                    .readOnly(Boolean.parseBoolean(p.getProperty(loc + ".read_only")))
                    .virtualSize(Long.parseLong(p.getProperty(loc + ".virtual_size", "0")))
                    .contentId(p.getProperty(loc + ".content_id"))
                    .sharable(Boolean.parseBoolean(p.getProperty(loc + ".sharable")))
                    .persistent(Boolean.parseBoolean(p.getProperty(loc + ".persistent", "true"))).build();
            out.put(loc, VdiSidecar.of(v));
        }
        return out;
    }
}
