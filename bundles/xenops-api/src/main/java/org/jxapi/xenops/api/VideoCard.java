package org.jxapi.xenops.api;

/** The emulated graphics card of an HVM guest. */
public enum VideoCard {
    CIRRUS("Cirrus"), STANDARD_VGA("Standard_VGA"), VGPU("Vgpu"), IGD_PASSTHROUGH("IGD_passthrough");

    private final String wireName;

    VideoCard(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static VideoCard ofWireName(String s) {
        for (VideoCard v : values()) {
            if (v.wireName.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown video card " + s);
    }
}
