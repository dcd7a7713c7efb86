package org.jxapi.storage.spi;

/**
 * What an SR driver can do, named as the original's SM features (with their versions). The
 * multiplexer refuses an operation whose capability a driver lacks with
 * {@code SR_OPERATION_NOT_SUPPORTED} before calling it.
 */
public enum Capability {
    SR_PROBE,
    SR_UPDATE,
    SR_SCAN,
    SR_TRIM,
    VDI_CREATE,
    VDI_DELETE,
    VDI_ATTACH,
    VDI_DETACH,
    VDI_ACTIVATE,
    VDI_DEACTIVATE,
    VDI_RESIZE,
    VDI_RESIZE_ONLINE,
    VDI_CLONE,
    VDI_SNAPSHOT,
    VDI_UPDATE,
    VDI_INTRODUCE,
    VDI_GENERATE_CONFIG,
    VDI_RESET_ON_BOOT(2),
    VDI_CONFIG_CBT,
    VDI_MIRROR,
    THIN_PROVISIONING,
    LARGE_VDI,
    /** Not in the original: the driver can import and export raw disk images. */
    VDI_DATA_STREAM;

    private final int version;

    Capability() {
        this(1);
    }

    Capability(int version) {
        this.version = version;
    }

    public int version() {
        return version;
    }

    /** The SM feature string: the name, then {@code /<version>} when the version is not 1. */
    public String feature() {
        return version == 1 ? name() : name() + "/" + version;
    }

    /** The capability a feature string ("VDI_CREATE", "VDI_RESET_ON_BOOT/2") names, or null. */
    public static Capability fromFeature(String feature) {
        String name = feature.contains("/") ? feature.substring(0, feature.indexOf('/')) : feature;
        for (Capability c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
