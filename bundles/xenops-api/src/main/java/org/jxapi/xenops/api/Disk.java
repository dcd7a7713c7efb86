package org.jxapi.xenops.api;

import java.util.Objects;

/** A disk a device or a suspend image refers to: a local path, or a VDI ("SR/VDI"). */
public record Disk(Kind kind, String value) {
    public enum Kind { LOCAL, VDI }

    public Disk {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static Disk local(String path) {
        return new Disk(Kind.LOCAL, path);
    }

    public static Disk vdi(String vdi) {
        return new Disk(Kind.VDI, vdi);
    }
}
