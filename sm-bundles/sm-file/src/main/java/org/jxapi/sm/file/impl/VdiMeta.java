package org.jxapi.sm.file.impl;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.storage.api.VdiInfo;

/**
 * What the file SR keeps beside each image in {@code <location>.json}: the VDI's XenAPI-visible
 * metadata, and the image's place in its backing chain. Hidden nodes are images that VDIs still
 * depend on after the VDI they belonged to was destroyed or split; scans do not show them.
 * {@code pending} names an operation that was under way, for recovery after a crash.
 */
final class VdiMeta {
    String location;
    String file;
    String format;
    String uuid;
    String nameLabel = "";
    String nameDescription = "";
    String type = "user";
    Map<String, String> smConfig = new LinkedHashMap<>();
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

    Map<String, Object> toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("uuid", uuid);
        j.put("file", file);
        j.put("format", format);
        j.put("name_label", nameLabel);
        j.put("name_description", nameDescription);
        j.put("type", type);
        j.put("sm_config", smConfig);
        j.put("is_a_snapshot", isASnapshot);
        j.put("snapshot_of", snapshotOf);
        j.put("snapshot_time", snapshotTime);
        j.put("read_only", readOnly);
        j.put("persistent", persistent);
        j.put("sharable", sharable);
        j.put("content_id", contentId);
        j.put("metadata_of_pool", metadataOfPool);
        j.put("cbt_enabled", cbtEnabled);
        j.put("hidden", hidden);
        j.put("parent", parent);
        j.put("virtual_size", virtualSize);
        j.put("pending", pending);
        j.put("reset_base", resetBase);
        return j;
    }

    static VdiMeta fromJson(String location, Map<String, Object> j) {
        VdiMeta m = new VdiMeta();
        m.location = location;
        m.uuid = Json.str(j, "uuid");
        m.file = Json.str(j, "file");
        m.format = Json.str(j, "format");
        m.nameLabel = Json.str(j, "name_label");
        m.nameDescription = Json.str(j, "name_description");
        m.type = Json.str(j, "type").isEmpty() ? "user" : Json.str(j, "type");
        if (j.get("sm_config") instanceof Map<?, ?> sc) {
            sc.forEach((k, v) -> m.smConfig.put(k.toString(), String.valueOf(v)));
        }
        m.isASnapshot = Json.bool(j, "is_a_snapshot", false);
        m.snapshotOf = Json.str(j, "snapshot_of");
        m.snapshotTime = Json.str(j, "snapshot_time");
        m.readOnly = Json.bool(j, "read_only", false);
        m.persistent = Json.bool(j, "persistent", true);
        m.sharable = Json.bool(j, "sharable", false);
        m.contentId = Json.str(j, "content_id");
        m.metadataOfPool = Json.str(j, "metadata_of_pool");
        m.cbtEnabled = Json.bool(j, "cbt_enabled", false);
        m.hidden = Json.bool(j, "hidden", false);
        m.parent = Json.str(j, "parent");
        m.virtualSize = Json.num(j, "virtual_size");
        m.pending = Json.str(j, "pending");
        m.resetBase = Json.str(j, "reset_base");
        return m;
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
