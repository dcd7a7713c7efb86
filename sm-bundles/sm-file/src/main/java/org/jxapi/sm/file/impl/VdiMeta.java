package org.jxapi.sm.file.impl;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.storage.api.VdiInfo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the file SR keeps beside each image in {@code <location>.json}: the VDI's XenAPI-visible
 * metadata, and the image's place in its backing chain. Hidden nodes are images that VDIs still
 * depend on after the VDI they belonged to was destroyed or split; scans do not show them.
 * {@code pending} names an operation that was under way, for recovery after a crash. Fields map
 * to the sidecar's members by their snake_case names ({@code nameLabel} is {@code name_label}),
 * the names the other SR drivers' sidecars use too (org.jxapi.sm.support.VdiSidecar).
 */
final class VdiMeta {
    /** The sidecar's file name, not one of its members. */
    transient String location;
    String file;
    String format;
    String uuid;
    String nameLabel = "";
    String nameDescription = "";
    String type = "user";
    Map<String, String> smConfig = new LinkedHashMap<>();
    /** Snake case would give is_asnapshot. */
    @JsonProperty("is_a_snapshot")
    boolean isASnapshot;
    String snapshotOf = "";
    String snapshotTime = "";
    boolean readOnly;
    boolean persistent = true;
    boolean sharable;
    String contentId = "";
    String metadataOfPool = "";
    boolean cbtEnabled;
    boolean hidden;
    String parent = "";
    long virtualSize;
    String pending = "";
    /** For a VDI whose changes are dropped at each VM start: the hidden image it resets to. */
    String resetBase = "";

    VdiMeta copy() {
        VdiMeta m = new VdiMeta();
        m.location = location;
        m.file = file;
        m.format = format;
        m.uuid = uuid;
        m.nameLabel = nameLabel;
        m.nameDescription = nameDescription;
        m.type = type;
        m.smConfig = new LinkedHashMap<>(smConfig);
        m.isASnapshot = isASnapshot;
        m.snapshotOf = snapshotOf;
        m.snapshotTime = snapshotTime;
        m.readOnly = readOnly;
        m.persistent = persistent;
        m.sharable = sharable;
        m.contentId = contentId;
        m.metadataOfPool = metadataOfPool;
        m.cbtEnabled = cbtEnabled;
        m.hidden = hidden;
        m.parent = parent;
        m.virtualSize = virtualSize;
        m.pending = pending;
        m.resetBase = resetBase;
        return m;
    }

    /**
     * After Jackson filled the fields from {@code <location>.json}: the location is the file's
     * name, and members that were missing or null read as the defaults, as before.
     */
    VdiMeta loaded(String location) {
        this.location = location;
        uuid = nz(uuid);
        file = nz(file);
        format = nz(format);
        nameLabel = nz(nameLabel);
        nameDescription = nz(nameDescription);
        type = type == null || type.isEmpty() ? "user" : type;
        smConfig = smConfig == null ? new LinkedHashMap<>() : smConfig;
        snapshotOf = nz(snapshotOf);
        snapshotTime = nz(snapshotTime);
        contentId = nz(contentId);
        metadataOfPool = nz(metadataOfPool);
        parent = nz(parent);
        pending = nz(pending);
        resetBase = nz(resetBase);
        return this;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    VdiInfo toInfo(long physicalUtilisation) {
        Map<String, String> sm = new LinkedHashMap<>(smConfig);
        sm.put("image-format", format);
        return VdiInfo.builder().vdi(location).uuid(uuid).contentId(contentId).nameLabel(nameLabel)
                .nameDescription(nameDescription).type(type).metadataOfPool(metadataOfPool)
                .isASnapshot(isASnapshot).snapshotOf(snapshotOf)
                .snapshotTime(snapshotTime.isEmpty() ? Instant.EPOCH : Instant.parse(snapshotTime))
                .readOnly(readOnly).cbtEnabled(cbtEnabled).virtualSize(virtualSize)
                .physicalUtilisation(physicalUtilisation).persistent(persistent).sharable(sharable).smConfig(sm)
                .build();
    }
}
