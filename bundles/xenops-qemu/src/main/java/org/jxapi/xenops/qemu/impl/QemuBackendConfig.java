package org.jxapi.xenops.qemu.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi xenops qemu backend",
        description = "Runs each VM as a qemu-system-x86_64 process driven over QMP, for xenops instances whose "
                + "backend.target selects (xenops.backend=qemu)")
@interface QemuBackendConfig {
    @AttributeDefinition(name = "qemu binary", description = "The emulator to run for every VM")
    String qemu_binary() default "/usr/bin/qemu-system-x86_64";

    @AttributeDefinition(name = "State directory",
            description = "Per-domain state (QMP and console sockets, logs, the domain table used to re-attach after a "
                    + "restart); empty means ${karaf.data}/jxapi/xenops/qemu. Keep it short: socket paths must fit 106 bytes")
    String state_dir() default "";

    @AttributeDefinition(name = "Accelerator",
            description = "auto: KVM if a probe guest reaches long mode under it within the probe timeout, else TCG; "
                    + "kvm or tcg: use that one")
    String accel() default "auto";

    @AttributeDefinition(name = "KVM probe timeout", description = "Milliseconds the KVM probe guest may take")
    int kvm_probe_timeout_ms() default 3000;

    @AttributeDefinition(name = "Allowed kernel directories",
            description = "Comma-separated directories a direct-boot kernel or ramdisk (PV_kernel, PV_ramdisk) must lie "
                    + "in, after symbolic links are resolved: the original's kernel whitelisting")
    String kernel_allowed_dirs() default "/boot/guest,/var/lib/xcp/guest";

    @AttributeDefinition(name = "Machine type", description = "qemu -machine type")
    String machine() default "pc";

    @AttributeDefinition(name = "CPU model",
            description = "qemu -cpu model; empty means host under KVM and qemu64 under TCG")
    String cpu_model() default "";

    @AttributeDefinition(name = "VNC listen address", description = "Address the TCP VNC console listens on")
    String vnc_listen() default "127.0.0.1";

    @AttributeDefinition(name = "First VNC display",
            description = "TCP VNC consoles take the first free display from this one (port 5900 + display)")
    int vnc_display_base() default 0;

    @AttributeDefinition(name = "VNC displays", description = "How many displays after the first may be tried")
    int vnc_display_count() default 1000;

    @AttributeDefinition(name = "Text console listen address",
            description = "Address the TCP text (serial) console listens on; empty disables the TCP text console")
    String console_listen() default "127.0.0.1";

    @AttributeDefinition(name = "UEFI code", description = "OVMF firmware code image for UEFI guests (Debian ovmf)")
    String ovmf_code() default "/usr/share/OVMF/OVMF_CODE_4M.fd";

    @AttributeDefinition(name = "UEFI variables template",
            description = "OVMF variable store copied once per VM and kept across its reboots")
    String ovmf_vars() default "/usr/share/OVMF/OVMF_VARS_4M.fd";

    @AttributeDefinition(name = "Minimum reboot delay",
            description = "Seconds a VM must have run before a reboot it asks for happens at once (reboot-loop "
                    + "damping, used when the xenops instance leaves it to the backend)")
    double minimum_reboot_delay() default 10;

    @AttributeDefinition(name = "Balloon timeout",
            description = "Seconds the balloon driver has to reach a new memory target before the VM is reported "
                    + "uncooperative")
    int balloon_timeout_seconds() default 10;

    @AttributeDefinition(name = "Unplug timeout",
            description = "Seconds a guest has to release a disk or NIC asked to be unplugged")
    int unplug_timeout_seconds() default 20;

    @AttributeDefinition(name = "NIC without bridge",
            description = "What a VIF whose bridge does not exist on this host gets: user (qemu's user-mode network "
                    + "with DHCP) or none (the start fails)")
    String nic_without_bridge() default "user";

    @AttributeDefinition(name = "networkd instance",
            description = "Filter selecting the networkd instance that puts guests' taps on the bridges it manages "
                    + "(Vif.plug, unplug, set_locking, move); with none bound, a tap joins a Linux bridge by ip link")
    String networkd_target() default "(networkd.instance=default)";

    @AttributeDefinition(name = "Crash dump directory",
            description = "Where dump-guest-memory writes core dumps of crashed VMs whose action after crash is "
                    + "coredump; empty means <state directory>/crashdumps")
    String crashdump_dir() default "";
}
