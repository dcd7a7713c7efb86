package org.jxapi.xenops.api;

import java.util.List;

/** Settings of an HVM guest; {@link #defaults()} gives the original's defaults. */
public record HvmInfo(boolean hap, double shadowMultiplier, String timeoffset, int videoMib, VideoCard video,
        boolean acpi, String serial, String keymap, String vncIp, List<String> pciEmulations,
        boolean pciPassthrough, String bootOrder, boolean qemuDiskCmdline, boolean qemuStubdom,
        Firmware firmware, String tpm) implements BuilderInfo {

    public enum Firmware { BIOS, UEFI }

    public HvmInfo {
        timeoffset = timeoffset == null ? "" : timeoffset;
        video = video == null ? VideoCard.CIRRUS : video;
        pciEmulations = Copies.list(pciEmulations);
        bootOrder = bootOrder == null ? "" : bootOrder;
        firmware = firmware == null ? Firmware.BIOS : firmware;
    }

    public static HvmInfo defaults() {
        return new HvmInfo(true, 1.0, "", 4, VideoCard.CIRRUS, true, null, null, null, List.of(), false, "",
                false, false, Firmware.BIOS, null);
    }

    @Override
    public boolean hvm() {
        return true;
    }
}
