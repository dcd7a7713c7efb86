package org.jxapi.xenops.api;

import java.util.Objects;

/** Where a disk appears in the guest: a bus, a disk index and a partition (0 for the whole disk). */
public record DeviceNumber(Bus bus, int disk, int partition) {
    public enum Bus {
        XEN("Xen"), SCSI("Scsi"), FLOPPY("Floppy"), IDE("Ide");

        private final String wireName;

        Bus(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Bus ofWireName(String s) {
            for (Bus b : values()) {
                if (b.wireName.equals(s)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown bus " + s);
        }
    }

    public DeviceNumber {
        Objects.requireNonNull(bus, "bus");
        if (disk < 0 || partition < 0) {
            throw new IllegalArgumentException("negative device number");
        }
    }

    /** The device number the original gives disk {@code n}: IDE for the first four disks of HVM guests. */
    public static DeviceNumber ofDiskNumber(boolean hvm, int n) {
        return new DeviceNumber(hvm && n < 4 ? Bus.IDE : Bus.XEN, n, 0);
    }

    /** The Linux device name, e.g. {@code xvda}, {@code xvdb1}, {@code sdc}. */
    public String linuxDevice() {
        String prefix = switch (bus) {
            case SCSI -> "sd";
            case FLOPPY -> "fd";
            default -> "xvd";
        };
        return prefix + base26(disk) + (partition == 0 ? "" : Integer.toString(partition));
    }

    private static String base26(int x) {
        String low = String.valueOf((char) ('a' + x % 26));
        int high = x / 26 - 1;
        return high < 0 ? low : base26(high) + low;
    }
}
