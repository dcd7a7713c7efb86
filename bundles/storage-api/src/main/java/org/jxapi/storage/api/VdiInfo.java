package org.jxapi.storage.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the storage layer knows of one VDI: the original's {@code vdi_info}. {@code vdi} is the
 * VDI's location, the key the SR driver uses for it; {@code uuid} may be empty when the driver
 * has none. {@code contentId} is equal on two VDIs only while their contents are equal.
 */
public record VdiInfo(
        String vdi,
        String uuid,
        String contentId,
        String nameLabel,
        String nameDescription,
        String type,
        String metadataOfPool,
        boolean isASnapshot,
        Instant snapshotTime,
        String snapshotOf,
        boolean readOnly,
        boolean cbtEnabled,
        long virtualSize,
        long physicalUtilisation,
        boolean persistent,
        boolean sharable,
        Map<String, String> smConfig) {

    public VdiInfo {
        vdi = nz(vdi);
        uuid = nz(uuid);
        contentId = nz(contentId);
        nameLabel = nz(nameLabel);
        nameDescription = nz(nameDescription);
        type = type == null || type.isEmpty() ? "user" : type;
        metadataOfPool = nz(metadataOfPool);
        snapshotTime = snapshotTime == null ? Instant.EPOCH : snapshotTime;
        snapshotOf = nz(snapshotOf);
        smConfig = smConfig == null ? Map.of() : Map.copyOf(smConfig);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A builder with the original's defaults: type "user", persistent, nothing else set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link VdiInfo} values field by field. */
    public static final class Builder {
        private String vdi;
        private String uuid;
        private String contentId;
        private String nameLabel;
        private String nameDescription;
        private String type = "user";
        private String metadataOfPool;
        private boolean isASnapshot;
        private Instant snapshotTime;
        private String snapshotOf;
        private boolean readOnly;
        private boolean cbtEnabled;
        private long virtualSize;
        private long physicalUtilisation;
        private boolean persistent = true;
        private boolean sharable;
        private Map<String, String> smConfig = new LinkedHashMap<>();

        Builder() {
        }

        Builder(VdiInfo v) {
            vdi = v.vdi;
            uuid = v.uuid;
            contentId = v.contentId;
            nameLabel = v.nameLabel;
            nameDescription = v.nameDescription;
            type = v.type;
            metadataOfPool = v.metadataOfPool;
            isASnapshot = v.isASnapshot;
            snapshotTime = v.snapshotTime;
            snapshotOf = v.snapshotOf;
            readOnly = v.readOnly;
            cbtEnabled = v.cbtEnabled;
            virtualSize = v.virtualSize;
            physicalUtilisation = v.physicalUtilisation;
            persistent = v.persistent;
            sharable = v.sharable;
            smConfig = new LinkedHashMap<>(v.smConfig);
        }

        public Builder vdi(String v) {
            vdi = v;
            return this;
        }

        public Builder uuid(String v) {
            uuid = v;
            return this;
        }

        public Builder contentId(String v) {
            contentId = v;
            return this;
        }

        public Builder nameLabel(String v) {
            nameLabel = v;
            return this;
        }

        public Builder nameDescription(String v) {
            nameDescription = v;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder metadataOfPool(String v) {
            metadataOfPool = v;
            return this;
        }

        public Builder isASnapshot(boolean v) {
            isASnapshot = v;
            return this;
        }

        public Builder snapshotTime(Instant v) {
            snapshotTime = v;
            return this;
        }

        public Builder snapshotOf(String v) {
            snapshotOf = v;
            return this;
        }

        public Builder readOnly(boolean v) {
            readOnly = v;
            return this;
        }

        public Builder cbtEnabled(boolean v) {
            cbtEnabled = v;
            return this;
        }

        public Builder virtualSize(long v) {
            virtualSize = v;
            return this;
        }

        public Builder physicalUtilisation(long v) {
            physicalUtilisation = v;
            return this;
        }

        public Builder persistent(boolean v) {
            persistent = v;
            return this;
        }

        public Builder sharable(boolean v) {
            sharable = v;
            return this;
        }

        public Builder smConfig(Map<String, String> v) {
            smConfig = new LinkedHashMap<>(v == null ? Map.of() : v);
            return this;
        }

        public Builder smConfig(String key, String value) {
            smConfig.put(key, value);
            return this;
        }

        public VdiInfo build() {
            return new VdiInfo(vdi, uuid, contentId, nameLabel, nameDescription, type, metadataOfPool,
                    isASnapshot, snapshotTime, snapshotOf, readOnly, cbtEnabled, virtualSize,
                    physicalUtilisation, persistent, sharable, smConfig);
        }
    }
}
