package org.jxapi.xenops.api;

import java.util.List;

/** How a PV guest finds its kernel: given directly, or extracted by a bootloader. */
public sealed interface PvBoot permits PvBoot.Direct, PvBoot.Indirect {

    record Direct(String kernel, String cmdline, String ramdisk) implements PvBoot {
        public Direct {
            kernel = kernel == null ? "" : kernel;
            cmdline = cmdline == null ? "" : cmdline;
        }
    }

    record Indirect(String bootloader, String extraArgs, String legacyArgs, String bootloaderArgs,
            List<Disk> devices) implements PvBoot {
        public Indirect {
            bootloader = bootloader == null ? "" : bootloader;
            extraArgs = extraArgs == null ? "" : extraArgs;
            legacyArgs = legacyArgs == null ? "" : legacyArgs;
            bootloaderArgs = bootloaderArgs == null ? "" : bootloaderArgs;
            devices = Copies.list(devices);
        }
    }
}
