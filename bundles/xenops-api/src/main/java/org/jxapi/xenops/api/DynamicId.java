package org.jxapi.xenops.api;

import java.util.Objects;

/**
 * The id of something that changed, as {@code UPDATES.get} returns it: a VM, a device (VM and
 * device name) or a task. An update only says "this changed"; clients then call its {@code stat}.
 */
public record DynamicId(Kind kind, String id, String device) {
    public enum Kind {
        VM("Vm"), VBD("Vbd"), VIF("Vif"), PCI("Pci"), VGPU("Vgpu"), VUSB("Vusb"), TASK("Task");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public boolean isDevice() {
            return this != VM && this != TASK;
        }

        public static Kind ofWireName(String s) {
            for (Kind k : values()) {
                if (k.wireName.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown id kind " + s);
        }
    }

    public DynamicId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (kind.isDevice() != (device != null)) {
            throw new IllegalArgumentException(kind + " ids " + (kind.isDevice() ? "need" : "take no") + " device");
        }
    }

    public static DynamicId vm(String vm) {
        return new DynamicId(Kind.VM, vm, null);
    }

    public static DynamicId task(String task) {
        return new DynamicId(Kind.TASK, task, null);
    }

    public static DynamicId device(Kind kind, DeviceId id) {
        return new DynamicId(kind, id.vm(), id.device());
    }

    /** The VM an id belongs to, or null for a task. */
    public String vmId() {
        return kind == Kind.TASK ? null : id;
    }

    public DeviceId deviceId() {
        return device == null ? null : new DeviceId(id, device);
    }

    @Override
    public String toString() {
        return kind.wireName() + "(" + (device == null ? id : id + "." + device) + ")";
    }
}
