package org.jxapi.sm.support;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jxapi.storage.api.VdiInfo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The XenAPI-visible metadata of one VDI as the SR drivers keep it in JSON sidecars: the
 * VDI fields under their XenAPI names ({@code name_label}, {@code virtual_size}, ...). The
 * location is the sidecar's key or file name, not a field. Drivers that keep more (sm-file's
 * backing chains) use the same names for these fields.
 */
public final class VdiSidecar {
    private String uuid = "";
    private String nameLabel = "";
    private String nameDescription = "";
    private String type = "user";
    private Map<String, String> smConfig = new LinkedHashMap<>();
    /** Snake case would give is_asnapshot. */
    @JsonProperty("is_a_snapshot")
    private boolean isASnapshot;
    private String snapshotOf = "";
    /** ISO-8601, or "" for none (the XenAPI's epoch). */
    private String snapshotTime = "";
    private boolean readOnly;
    private long virtualSize;
    private String contentId = "";
    private boolean sharable;
    private boolean persistent = true;

    /** For Jackson. */
    VdiSidecar() {
    }

    public static VdiSidecar of(VdiInfo v) {
        VdiSidecar s = new VdiSidecar();
        s.uuid = v.uuid();
        s.nameLabel = v.nameLabel();
        s.nameDescription = v.nameDescription();
        s.type = v.type();
        s.smConfig = new LinkedHashMap<>(v.smConfig());
        s.isASnapshot = v.isASnapshot();
        s.snapshotOf = v.snapshotOf();
        s.snapshotTime = v.snapshotTime().equals(Instant.EPOCH) ? "" : v.snapshotTime().toString();
        s.readOnly = v.readOnly();
        s.virtualSize = v.virtualSize();
        s.contentId = v.contentId();
        s.sharable = v.sharable();
        s.persistent = v.persistent();
        return s;
    }

    /** The VDI at {@code location}. */
    public VdiInfo toInfo(String location) {
        return VdiInfo.builder().vdi(location).uuid(uuid)
                .nameLabel(nameLabel).nameDescription(nameDescription).type(type).smConfig(smConfig)
                .isASnapshot(isASnapshot).snapshotOf(snapshotOf)
                .snapshotTime(snapshotTime == null || snapshotTime.isEmpty() ? Instant.EPOCH : Instant.parse(snapshotTime))
                .readOnly(readOnly).virtualSize(virtualSize).contentId(contentId).sharable(sharable)
                .persistent(persistent).build();
    }
}
