package org.jxapi.xenops.server.impl;

import org.jxapi.xenops.api.DeviceId;
import org.jxapi.xenops.api.Disk;

/**
 * A queued operation: what a client asked for, expanded into micro-ops when it runs. Each
 * operation belongs to one VM's queue ({@link #vm()}).
 */
sealed interface Operation {
    String vm();

    String name();

    /** The operation asks "what makes this object valid?"; a waiting duplicate makes it pointless. */
    default boolean isCheck() {
        return false;
    }

    record VmStart(String vm, boolean force) implements Operation {
        public String name() { return "VM_start"; }
    }

    /** Shutdown with hooks and device deactivation: what {@code VM.shutdown} queues. */
    record VmPoweroff(String vm, Double timeout) implements Operation {
        public String name() { return "VM_poweroff"; }
    }

    /** The domain teardown alone. */
    record VmShutdown(String vm, Double timeout) implements Operation {
        public String name() { return "VM_shutdown"; }
    }

    record VmReboot(String vm, Double timeout) implements Operation {
        public String name() { return "VM_reboot"; }
    }

    record VmSuspend(String vm, Disk disk) implements Operation {
        public String name() { return "VM_suspend"; }
    }

    record VmResume(String vm, Disk disk) implements Operation {
        public String name() { return "VM_resume"; }
    }

    record VmRestoreDevices(String vm) implements Operation {
        public String name() { return "VM_restore_devices"; }
    }

    record VmMigrate(String vm, String url, java.util.Map<String, String> vdiMap,
            java.util.Map<String, org.jxapi.xenops.api.Network> vifMap) implements Operation {
        public String name() { return "VM_migrate"; }
    }

    record VbdHotplug(DeviceId id) implements Operation {
        public String vm() { return id.vm(); }
        public String name() { return "VBD_hotplug"; }
    }

    record VbdHotunplug(DeviceId id, boolean force) implements Operation {
        public String vm() { return id.vm(); }
        public String name() { return "VBD_hotunplug"; }
    }

    record VifHotplug(DeviceId id) implements Operation {
        public String vm() { return id.vm(); }
        public String name() { return "VIF_hotplug"; }
    }

    record VifHotunplug(DeviceId id, boolean force) implements Operation {
        public String vm() { return id.vm(); }
        public String name() { return "VIF_hotunplug"; }
    }

    record VmCheckState(String vm) implements Operation {
        public String name() { return "VM_check_state"; }
        public boolean isCheck() { return true; }
    }

    record VbdCheckState(DeviceId id) implements Operation {
        public String vm() { return id.vm(); }
        public String name() { return "VBD_check_state"; }
        public boolean isCheck() { return true; }
    }

    record VifCheckState(DeviceId id) implements Operation {
        public String vm() { return id.vm(); }
        public String name() { return "VIF_check_state"; }
        public boolean isCheck() { return true; }
    }

    record PciCheckState(DeviceId id) implements Operation {
        public String vm() { return id.vm(); }
        public String name() { return "PCI_check_state"; }
        public boolean isCheck() { return true; }
    }

    record VusbCheckState(DeviceId id) implements Operation {
        public String vm() { return id.vm(); }
        public String name() { return "VUSB_check_state"; }
        public boolean isCheck() { return true; }
    }

    /** A single micro-op queued on its own (VM.pause, VIF.set_carrier, ...). */
    record AtomicOp(Atom atom) implements Operation {
        public String vm() { return atom.vm(); }
        public String name() { return "Atomic"; }
    }

    static String describe(Operation op) {
        if (op instanceof AtomicOp a) {
            return "Atomic(" + Atom.describe(a.atom()) + ")";
        }
        return op.name() + " " + op;
    }
}
