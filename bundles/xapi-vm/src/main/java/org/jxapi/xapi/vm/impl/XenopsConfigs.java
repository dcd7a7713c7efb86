package org.jxapi.xapi.vm.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.db.Reader;
import org.jxapi.db.Row;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.DomainType;
import org.jxapi.xenapi.model.types.OnBoot;
import org.jxapi.xenapi.model.types.OnCrashBehaviour;
import org.jxapi.xenapi.model.types.OnNormalExit;
import org.jxapi.xenapi.model.types.VbdMode;
import org.jxapi.xenapi.model.types.VbdType;
import org.jxapi.xenapi.model.types.Vdi;
import org.jxapi.xenapi.model.types.VifLockingMode;
import org.jxapi.xenops.api.BuilderInfo;
import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.DeviceNumber;
import org.jxapi.xenops.api.Disk;
import org.jxapi.xenops.api.HvmInfo;
import org.jxapi.xenops.api.LockingMode;
import org.jxapi.xenops.api.Network;
import org.jxapi.xenops.api.PvBoot;
import org.jxapi.xenops.api.PvInfo;
import org.jxapi.xenops.api.Vbd;
import org.jxapi.xenops.api.Vif;
import org.jxapi.xenops.api.Vm;
import org.jxapi.xenops.api.VmAction;

/**
 * XenAPI objects as xenops wants them (the original's xapi_xenops MD module): a VM's record
 * becomes a xenops VM, its VBDs and VIFs xenops devices named after the VM's UUID and the
 * device. The disk of a VBD is named {@code <sr uuid>/<vdi location>}, as xenops expects.
 */
final class XenopsConfigs {
    private static final long DEFAULT_MEMORY = 256L << 20;

    private XenopsConfigs() {
    }

    static boolean hvm(Row vm) {
        DomainType t = (DomainType) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.DOMAIN_TYPE);
        if (t == DomainType.HVM) {
            return true;
        }
        if (t == DomainType.UNSPECIFIED) {
            return !((String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.HVM_BOOT_POLICY)).isEmpty();
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static Vm vm(Row vm) {
        Map<String, String> platform = (Map<String, String>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.PLATFORM);
        Map<String, String> bootParams = (Map<String, String>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.HVM_BOOT_PARAMS);
        BuilderInfo builder;
        if (hvm(vm)) {
            HvmInfo d = HvmInfo.defaults();
            builder = new HvmInfo(d.hap(), (Double) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.HVM_SHADOW_MULTIPLIER),
                    platform.getOrDefault("timeoffset", ""), d.videoMib(), d.video(),
                    !"0".equals(platform.getOrDefault("acpi", "1")), d.serial(), d.keymap(), d.vncIp(),
                    d.pciEmulations(), d.pciPassthrough(), bootParams.getOrDefault("order", "cd"),
                    d.qemuDiskCmdline(), d.qemuStubdom(),
                    "uefi".equals(bootParams.get("firmware")) ? HvmInfo.Firmware.UEFI : HvmInfo.Firmware.BIOS, null);
        } else {
            String bootloader = (String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.PV_BOOTLOADER);
            PvBoot boot = bootloader.isEmpty()
                    ? new PvBoot.Direct((String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.PV_KERNEL), (String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.PV_ARGS),
                            emptyToNull((String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.PV_RAMDISK)))
                    : new PvBoot.Indirect(bootloader, (String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.PV_ARGS), (String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.PV_LEGACY_ARGS),
                            (String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.PV_BOOTLOADER_ARGS), List.of());
            DomainType t = (DomainType) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.DOMAIN_TYPE);
            PvInfo.Flavour flavour = t == DomainType.PVH ? PvInfo.Flavour.PVH
                    : t == DomainType.PV_IN_PVH ? PvInfo.Flavour.PV_IN_PVH : PvInfo.Flavour.PV;
            builder = new PvInfo(flavour, boot, true, null, true, null, false);
        }
        long staticMax = positive((Long) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.MEMORY_STATIC_MAX), DEFAULT_MEMORY);
        long dynamicMax = Math.min(staticMax, positive((Long) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.MEMORY_DYNAMIC_MAX), staticMax));
        long dynamicMin = Math.min(dynamicMax, positive((Long) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.MEMORY_DYNAMIC_MIN), dynamicMax));
        int vcpuMax = (int) positive((Long) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VCPUS_MAX), 1);
        int vcpus = (int) Math.min(vcpuMax, positive((Long) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.VCPUS_AT_STARTUP), vcpuMax));
        return Vm.builder(vm.uuid()).name((String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.NAME_LABEL))
                .xsdata((Map<String, String>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.XENSTORE_DATA)).platformdata(platform)
                .biosStrings((Map<String, String>) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.BIOS_STRINGS)).builderInfo(builder)
                .memoryStaticMax(staticMax).memoryDynamicMax(dynamicMax).memoryDynamicMin(dynamicMin)
                .vcpuMax(vcpuMax).vcpus(vcpus)
                .onShutdown(normalExit((OnNormalExit) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.ACTIONS_AFTER_SHUTDOWN)))
                .onReboot(normalExit((OnNormalExit) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.ACTIONS_AFTER_REBOOT)))
                .onCrash(crash((OnCrashBehaviour) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.ACTIONS_AFTER_CRASH)))
                .hasVendorDevice(Boolean.TRUE.equals(vm.get(org.jxapi.xenapi.model.types.Vm.Fields.HAS_VENDOR_DEVICE)))
                .generationId((String) vm.get(org.jxapi.xenapi.model.types.Vm.Fields.GENERATION_ID)).build();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long positive(Long v, long fallback) {
        return v == null || v <= 0 ? fallback : v;
    }

    private static List<VmAction> normalExit(OnNormalExit a) {
        return a == OnNormalExit.RESTART ? List.of(VmAction.START) : List.of(VmAction.SHUTDOWN);
    }

    private static List<VmAction> crash(OnCrashBehaviour a) {
        if (a == null) {
            return List.of(VmAction.SHUTDOWN);
        }
        return switch (a) {
            case RESTART, RENAME_RESTART -> List.of(VmAction.START);
            case COREDUMP_AND_DESTROY -> List.of(VmAction.COREDUMP, VmAction.SHUTDOWN);
            case COREDUMP_AND_RESTART -> List.of(VmAction.COREDUMP, VmAction.START);
            case PRESERVE -> List.of(VmAction.PAUSE);
            default -> List.of(VmAction.SHUTDOWN);
        };
    }

    /** The device a VBD appears as: userdevice n is disk n (IDE for the first four of an HVM guest). */
    static String vbdDevice(Row vm, Row vbd) {
        String user = (String) vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.USERDEVICE);
        try {
            int n = Integer.parseInt(user);
            return DeviceNumber.ofDiskNumber(hvm(vm), n).linuxDevice();
        } catch (NumberFormatException e) {
            return user.isEmpty() ? vbd.uuid() : user;
        }
    }

    static DeviceNumber vbdPosition(Row vm, Row vbd) {
        try {
            return DeviceNumber.ofDiskNumber(hvm(vm), Integer.parseInt((String) vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.USERDEVICE)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The xenops VBD of a VBD; {@code disk} is the VDI's xenops name, or null for an empty drive. */
    static Vbd vbd(Reader r, Row vm, Row vbd, String disk) {
        Row vdi = r.row(Vdi.CLASS, (Ref<?>) vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.VDI));
        boolean persistent = vdi == null || vdi.get(Vdi.Fields.ON_BOOT) != OnBoot.RESET;
        VbdType type = (VbdType) vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.TYPE);
        Vbd.Type t = type == VbdType.CD ? Vbd.Type.CDROM : type == VbdType.FLOPPY ? Vbd.Type.FLOPPY : Vbd.Type.DISK;
        Disk backend = disk == null || Boolean.TRUE.equals(vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.EMPTY)) ? null : Disk.vdi(disk);
        return new Vbd(new DeviceId(vm.uuid(), vbdDevice(vm, vbd)), vbdPosition(vm, vbd),
                vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.MODE) == VbdMode.RO ? Vbd.Mode.READ_ONLY : Vbd.Mode.READ_WRITE, backend, t,
                Boolean.TRUE.equals(vbd.get(org.jxapi.xenapi.model.types.Vbd.Fields.UNPLUGGABLE)), Map.of(), Map.of(), null, persistent, false);
    }

    static Vif vif(Reader r, Row vm, Row vif) {
        Row net = r.row(org.jxapi.xenapi.model.types.Network.CLASS, (Ref<?>) vif.get(org.jxapi.xenapi.model.types.Vif.Fields.NETWORK));
        String bridge = net == null || ((String) net.get(org.jxapi.xenapi.model.types.Network.Fields.BRIDGE)).isEmpty() ? "xenbr0" : (String) net.get(org.jxapi.xenapi.model.types.Network.Fields.BRIDGE);
        long mtu = (Long) vif.get(org.jxapi.xenapi.model.types.Vif.Fields.MTU);
        if (mtu <= 0) {
            mtu = net == null ? 1500 : (Long) net.get(org.jxapi.xenapi.model.types.Network.Fields.MTU);
        }
        int position;
        try {
            position = Integer.parseInt((String) vif.get(org.jxapi.xenapi.model.types.Vif.Fields.DEVICE));
        } catch (NumberFormatException e) {
            position = 0;
        }
        String mac = (String) vif.get(org.jxapi.xenapi.model.types.Vif.Fields.MAC);
        Vif v = Vif.of(new DeviceId(vm.uuid(), (String) vif.get(org.jxapi.xenapi.model.types.Vif.Fields.DEVICE)), position, mac.isEmpty() ? null : mac,
                bridge);
        v = new Vif(v.id(), position, v.mac(), true, (int) (mtu <= 0 ? 1500 : mtu), null, Network.local(bridge),
                Map.of(), locking(vif), Map.of(), null, null, null, null, List.of());
        return v;
    }

    @SuppressWarnings("unchecked")
    private static LockingMode locking(Row vif) {
        VifLockingMode m = (VifLockingMode) vif.get(org.jxapi.xenapi.model.types.Vif.Fields.LOCKING_MODE);
        if (m == VifLockingMode.DISABLED) {
            return new LockingMode(LockingMode.Kind.DISABLED, List.of(), List.of());
        }
        if (m == VifLockingMode.LOCKED) {
            return new LockingMode(LockingMode.Kind.LOCKED, new ArrayList<>((Set<String>) vif.get(org.jxapi.xenapi.model.types.Vif.Fields.IPV4_ALLOWED)),
                    new ArrayList<>((Set<String>) vif.get(org.jxapi.xenapi.model.types.Vif.Fields.IPV6_ALLOWED)));
        }
        return LockingMode.unlocked();
    }

}
