package org.jxapi.storage.api;

/**
 * Instantaneous SR-level figures (the original's {@code sr_info}, plus the physical utilisation
 * that the XenAPI SR record shows). Sizes are in bytes.
 */
public record SrInfo(
        String srUuid,
        String nameLabel,
        String nameDescription,
        long totalSpace,
        long freeSpace,
        long physicalUtilisation,
        boolean clustered,
        SrHealth health) {

    public SrInfo {
        srUuid = srUuid == null ? "" : srUuid;
        nameLabel = nameLabel == null ? "" : nameLabel;
        nameDescription = nameDescription == null ? "" : nameDescription;
        health = health == null ? SrHealth.HEALTHY : health;
    }
}
