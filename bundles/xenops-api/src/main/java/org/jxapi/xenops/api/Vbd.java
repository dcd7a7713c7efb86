package org.jxapi.xenops.api;

import java.util.Map;
import java.util.Objects;

/** A virtual block device: a disk, CD-ROM or floppy of a VM. */
public record Vbd(DeviceId id, DeviceNumber position, Mode mode, Disk backend, Type type, boolean unpluggable,
        Map<String, String> extraBackendKeys, Map<String, String> extraPrivateKeys, IoniceQos qos,
        boolean persistent, boolean canAttachEarly) {

    public enum Mode {
        READ_ONLY("ReadOnly"), READ_WRITE("ReadWrite");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public enum Type {
        CDROM("CDROM"), DISK("Disk"), FLOPPY("Floppy");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Vbd {
        Objects.requireNonNull(id, "id");
        mode = mode == null ? Mode.READ_WRITE : mode;
        type = type == null ? Type.DISK : type;
        extraBackendKeys = Copies.map(extraBackendKeys);
        extraPrivateKeys = Copies.map(extraPrivateKeys);
    }

    /** A plain disk with the original's defaults: unpluggable, persistent, position chosen at plug. */
    public static Vbd disk(DeviceId id, Mode mode, Disk backend) {
        return new Vbd(id, null, mode, backend, Type.DISK, true, Map.of(), Map.of(), null, true, false);
    }

    public Vbd withPosition(DeviceNumber p) {
        return new Vbd(id, p, mode, backend, type, unpluggable, extraBackendKeys, extraPrivateKeys, qos, persistent,
                canAttachEarly);
    }

    public Vbd withBackend(Disk d) {
        return new Vbd(id, position, mode, d, type, unpluggable, extraBackendKeys, extraPrivateKeys, qos, persistent,
                canAttachEarly);
    }

    public Vbd withId(DeviceId newId) {
        return new Vbd(newId, position, mode, backend, type, unpluggable, extraBackendKeys, extraPrivateKeys, qos,
                persistent, canAttachEarly);
    }
}
