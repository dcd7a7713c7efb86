package org.jxapi.storage.spi;

/**
 * The original SM drivers' numeric error codes (from its XE_SR_ERRORCODES table) that jxapi's
 * drivers raise. The multiplexer turns code {@code n} into the XenAPI error
 * {@code SR_BACKEND_FAILURE_<n>}, except for the few the original maps to named errors (16, 24,
 * 38, 39, 144).
 */
public enum SmErrorCode {
    INVALID_ARG(1, "Invalid argument"),
    SR_IN_USE(16, "The SR device is currently in use"),
    VDI_IN_USE(24, "The VDI is currently in use"),
    UNIMPLEMENTED(38, "The requested method is not supported/implemented"),
    SR_NOT_EMPTY(39, "The SR is not empty"),
    SR_SCAN(40, "The SR scan failed "),
    SR_EXISTS(42, "The SR already exists"),
    VDI_EXISTS(43, "The VDI already exists"),
    SR_NO_SPACE(44, "There is insufficient space"),
    VDI_UNAVAILABLE(46, "The VDI is not available"),
    SR_UNAVAILABLE(47, "The SR is not available"),
    FILE_SR_CREATE(61, "File SR creation error"),
    FILE_SR_DELETE(63, "File SR deletion error"),
    VDI_REMOVE(64, "Failed to remove VDI"),
    VDI_LOAD(65, "Failed to load VDI"),
    VDI_TYPE(66, "Invalid VDI type"),
    VDI_CREATE(78, "VDI Creation failed"),
    VDI_SIZE(79, "VDI Invalid size"),
    VDI_CLONE(81, "Failed to clone VDI"),
    VDI_SNAPSHOT(82, "Failed to snapshot VDI"),
    CONFIG_LOCATION_MISSING(94, "The request is missing the location parameter"),
    SNAPSHOT_CHAIN_TOO_LONG(109, "The snapshot chain is too long"),
    VDI_RESIZE(110, "VDI resize failed"),
    CONFIG_PARAMS_MISSING(115, "Not all required parameters specified."),
    VDI_MISSING(144, "VDI could not be found"),
    EIO(200, "General IO error"),
    SM_GENERAL(202, "General backend error"),
    ISO_DCONF_MISSING_LOCATION(220, "'Location' parameter must be specified in Device Configuration"),
    ISO_MUST_HAVE_ISO_EXTENSION(221, "ISO name must have .iso extension"),
    ISO_LOCAL_PATH(226, "Invalid local path");

    private final int value;
    private final String description;

    SmErrorCode(int value, String description) {
        this.value = value;
        this.description = description;
    }

    public int value() {
        return value;
    }

    public String description() {
        return description;
    }
}
