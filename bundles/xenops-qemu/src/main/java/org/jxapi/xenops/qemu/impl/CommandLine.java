package org.jxapi.xenops.qemu.impl;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.PvBoot;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.VideoCard;
import org.jxapi.xenops.api.Vm;

/**
 * The qemu command line of a domain: the machine, its firmware or direct-boot kernel, the
 * platform devices (balloon, pvpanic, guest agent channel, input, video), the consoles, and the
 * disks and NICs plugged before the device model starts. The guest starts stopped ({@code -S});
 * guest shutdown, reboot and panic stop it rather than end qemu, so the toolstack sees why and
 * decides what comes next, as with a Xen domain that has shut down.
 */
final class CommandLine {
    static final String AGENT_PORT_NAME = "org.jxapi.guest.0";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final DateTimeFormatter RTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** What the command line needs besides the domain: the chosen accelerator and per-VM files. */
    record Inputs(Settings settings, String accel, Path ovmfVars, boolean incoming) {
    }

    private CommandLine() {
    }

    static String cpuModel(Settings s, String accel) {
        if (!s.cpuModel().isBlank()) {
            return s.cpuModel();
        }
        return accel.equals("kvm") ? "host" : "qemu64";
    }

    /** The device type used to hot-plug one more vCPU of this model. */
    static String cpuDeviceType(Settings s, String accel) {
        return cpuModel(s, accel) + "-x86_64-cpu";
    }

    static List<String> build(Domain d, Inputs in) {
        Settings s = in.settings();
        Vm vm = d.vm;
        List<String> a = new ArrayList<>();
        a.add(s.qemu().toString());
        a.add("-name");
        a.add("guest=" + escape(vm.name()) + ",process=jxapi-" + d.domid);
        if (UUID.matcher(vm.id()).matches()) {
            a.add("-uuid");
            a.add(vm.id());
        }
        a.addAll(List.of("-machine", s.machine() + ",accel=" + in.accel()));
        a.addAll(List.of("-cpu", cpuModel(s, in.accel())));
        int max = Math.max(1, Math.max(vm.vcpuMax(), d.vcpus));
        a.addAll(List.of("-smp", "1,sockets=" + max + ",cores=1,threads=1,maxcpus=" + max));
        for (int i = 1; i < d.vcpus; i++) {
            a.addAll(List.of("-device", cpuDeviceType(s, in.accel()) + ",id=vcpu" + i + ",socket-id=" + i
                    + ",core-id=0,thread-id=0"));
        }
        a.addAll(List.of("-m", Long.toString(Math.max(16, vm.memoryStaticMax() >> 20))));
        a.addAll(List.of("-nodefaults", "-no-user-config", "-display", "none", "-S"));
        a.addAll(List.of("-action", "reboot=shutdown,shutdown=pause,panic=pause"));
        a.addAll(List.of("-qmp", "unix:" + d.qmpSocket() + ",server=on,wait=off"));
        if (in.incoming()) {
            a.addAll(List.of("-incoming", "defer"));
        }
        a.addAll(List.of("-rtc", "base=" + RTC.format(Instant.now().plusSeconds(d.rtcBase)) + ",clock=host"));
        boot(a, vm, in);
        platform(a, d, vm, s);
        consoles(a, d, vm, s);
        for (Device dev : d.devices.values()) {
            if (dev.plugged) {
                a.addAll(dev.kind == Device.Kind.VBD ? Disks.commandLine(dev) : Nics.commandLine(dev));
            }
        }
        return a;
    }

    private static void boot(List<String> a, Vm vm, Inputs in) {
        if (vm.builderInfo() instanceof PvInfo pv && pv.boot() instanceof PvBoot.Direct direct
                && !direct.kernel().isBlank()) {
            a.addAll(List.of("-kernel", direct.kernel()));
            if (direct.ramdisk() != null && !direct.ramdisk().isBlank()) {
                a.addAll(List.of("-initrd", direct.ramdisk()));
            }
            if (!direct.cmdline().isBlank()) {
                a.addAll(List.of("-append", direct.cmdline()));
            }
            return;
        }
        if (vm.builderInfo() instanceof HvmInfo hvm) {
            if (hvm.firmware() == HvmInfo.Firmware.UEFI) {
                a.addAll(List.of("-drive", "if=pflash,format=raw,unit=0,readonly=on,file="
                        + escape(in.settings().ovmfCode().toString())));
                a.addAll(List.of("-drive", "if=pflash,format=raw,unit=1,file=" + escape(in.ovmfVars().toString())));
            }
            String order = hvm.bootOrder().toLowerCase(Locale.ROOT).replaceAll("[^a-p]", "");
            if (!order.isEmpty()) {
                a.addAll(List.of("-boot", "order=" + order));
            }
            if (!hvm.acpi()) {
                a.add("-no-acpi");
            }
        }
    }

    private static void platform(List<String> a, Domain d, Vm vm, Settings s) {
        Map<String, String> p = vm.platformdata();
        a.addAll(List.of("-device", "pvpanic"));
        a.addAll(List.of("-device", "virtio-balloon-pci,id=balloon0"));
        a.addAll(List.of("-device", "virtio-serial-pci,id=vser0"));
        a.addAll(List.of("-chardev", "socket,id=agent0,path=" + d.agentSocket() + ",server=on,wait=off"));
        a.addAll(List.of("-device", "virtserialport,bus=vser0.0,nr=1,chardev=agent0,name=" + AGENT_PORT_NAME));
        boolean hvm = vm.builderInfo() instanceof HvmInfo;
        if (flag(p, "virtio_input", false)) {
            a.addAll(List.of("-device", "virtio-tablet-pci", "-device", "virtio-keyboard-pci"));
        }
        if (flag(p, "usb", hvm)) {
            a.addAll(List.of("-device", "piix3-usb-uhci,id=usb0"));
            if (flag(p, "usb_tablet", hvm)) {
                a.addAll(List.of("-device", "usb-tablet,bus=usb0.0"));
            }
        }
        video(a, vm);
        smbios(a, vm.biosStrings());
    }

    private static void video(List<String> a, Vm vm) {
        if (vm.builderInfo() instanceof HvmInfo hvm) {
            int mib = Math.max(1, hvm.videoMib());
            String dev = hvm.video() == VideoCard.STANDARD_VGA ? "VGA" : "cirrus-vga";
            if (hvm.video() == VideoCard.CIRRUS || hvm.video() == VideoCard.STANDARD_VGA) {
                a.addAll(List.of("-device", dev + ",vgamem_mb=" + mib));
            }
        } else if (vm.builderInfo() instanceof PvInfo pv && pv.framebuffer()) {
            a.addAll(List.of("-device", "VGA,vgamem_mb=" + Math.max(1, intOf(vm.platformdata(), "videoram", 8))));
        }
    }

    private static void consoles(List<String> a, Domain d, Vm vm, Settings s) {
        a.addAll(List.of("-chardev", "socket,id=console0,path=" + d.consoleSocket() + ",server=on,wait=off,logfile="
                + d.consoleLog() + ",logappend=on"));
        a.addAll(List.of("-serial", "chardev:console0"));
        if (wantsVnc(vm)) {
            a.addAll(List.of("-vnc", "unix:" + d.vncSocket() + ",id=vncunix"));
            a.addAll(List.of("-vnc", s.vncListen() + ":" + s.vncDisplayBase() + ",to="
                    + (s.vncDisplayBase() + s.vncDisplayCount()) + ",id=vnctcp"));
        }
    }

    static boolean wantsVnc(Vm vm) {
        if (vm.builderInfo() instanceof PvInfo pv) {
            return pv.framebuffer() || pv.vncterm();
        }
        return true;
    }

    /** The original's bios_strings keys as qemu -smbios options. */
    static void smbios(List<String> a, Map<String, String> bios) {
        if (bios.isEmpty()) {
            return;
        }
        Map<String, String> t0 = new LinkedHashMap<>();
        Map<String, String> t1 = new LinkedHashMap<>();
        Map<String, String> t2 = new LinkedHashMap<>();
        Map<String, String> t3 = new LinkedHashMap<>();
        List<String> oem = new ArrayList<>();
        bios.forEach((k, v) -> {
            switch (k) {
                case "bios-vendor" -> t0.put("vendor", v);
                case "bios-version" -> t0.put("version", v);
                case "system-manufacturer" -> t1.put("manufacturer", v);
                case "system-product-name" -> t1.put("product", v);
                case "system-version" -> t1.put("version", v);
                case "system-serial-number" -> t1.put("serial", v);
                case "baseboard-manufacturer" -> t2.put("manufacturer", v);
                case "baseboard-product-name" -> t2.put("product", v);
                case "baseboard-version" -> t2.put("version", v);
                case "baseboard-serial-number" -> t2.put("serial", v);
                case "baseboard-asset-tag" -> t2.put("asset", v);
                case "enclosure-asset-tag" -> t3.put("asset", v);
                default -> {
                    if (k.startsWith("oem-")) {
                        oem.add(v);
                    }
                }
            }
        });
        smbiosType(a, 0, t0);
        smbiosType(a, 1, t1);
        smbiosType(a, 2, t2);
        smbiosType(a, 3, t3);
        if (!oem.isEmpty()) {
            StringBuilder b = new StringBuilder("type=11");
            oem.forEach(v -> b.append(",value=").append(escape(v)));
            a.addAll(List.of("-smbios", b.toString()));
        }
    }

    private static void smbiosType(List<String> a, int type, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("type=" + type);
        fields.forEach((k, v) -> b.append(',').append(k).append('=').append(escape(v)));
        a.addAll(List.of("-smbios", b.toString()));
    }

    /** qemu option values escape a comma by doubling it. */
    static String escape(String v) {
        return v.replace(",", ",,");
    }

    static boolean flag(Map<String, String> p, String key, boolean dflt) {
        String v = p.get(key);
        if (v == null) {
            return dflt;
        }
        return v.equalsIgnoreCase("true") || v.equals("1");
    }

    static int intOf(Map<String, String> p, String key, int dflt) {
        try {
            return p.containsKey(key) ? Integer.parseInt(p.get(key).trim()) : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
