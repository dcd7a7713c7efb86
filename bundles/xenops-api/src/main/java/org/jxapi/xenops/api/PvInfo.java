package org.jxapi.xenops.api;

import java.util.Objects;

/** Settings of a paravirtualised guest; {@code flavour} says PV, PV-in-PVH or PVH. */
public record PvInfo(Flavour flavour, PvBoot boot, boolean framebuffer, String framebufferIp, boolean vncterm,
        String vnctermIp, boolean pciPassthrough) implements BuilderInfo {

    public enum Flavour {
        PV("PV"), PV_IN_PVH("PVinPVH"), PVH("PVH");

        private final String wireName;

        Flavour(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public PvInfo {
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(boot, "boot");
    }

    public static PvInfo direct(String kernel, String cmdline) {
        return new PvInfo(Flavour.PV, new PvBoot.Direct(kernel, cmdline, null), true, null, true, null, false);
    }

    @Override
    public boolean hvm() {
        return false;
    }
}
