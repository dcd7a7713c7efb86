package org.jxapi.xenapi.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A reference to a XenAPI object: an opaque handle such as {@code OpaqueRef:6a3c...}.
 * The type parameter names the record class the reference points to; it exists only at
 * compile time, so two references are equal when their handles are.
 */
public final class Ref<T> implements Comparable<Ref<?>> {
    public static final String NULL_HANDLE = "OpaqueRef:NULL";
    private static final String PREFIX = "OpaqueRef:";
    @SuppressWarnings("rawtypes")
    private static final Ref NULL = new Ref<>(NULL_HANDLE);

    private final String handle;

    private Ref(String handle) {
        this.handle = handle;
    }

    public static <T> Ref<T> of(String handle) {
        Objects.requireNonNull(handle, "handle");
        if (handle.equals(NULL_HANDLE) || handle.isEmpty() || handle.equals("Null")) {
            return nullRef();
        }
        return new Ref<>(handle);
    }

    @SuppressWarnings("unchecked")
    public static <T> Ref<T> nullRef() {
        return (Ref<T>) NULL;
    }

    /** A fresh reference with a random UUID, as the original mints them. */
    public static <T> Ref<T> fresh() {
        return new Ref<>(PREFIX + UUID.randomUUID());
    }

    public String handle() {
        return handle;
    }

    public boolean isNull() {
        return this == NULL;
    }

    /** Reinterprets this handle as a reference to another class, for generic code. */
    @SuppressWarnings("unchecked")
    public <U> Ref<U> cast() {
        return (Ref<U>) this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ref<?> r && r.handle.equals(handle);
    }

    @Override
    public int hashCode() {
        return handle.hashCode();
    }

    @Override
    public int compareTo(Ref<?> o) {
        return handle.compareTo(o.handle);
    }

    @Override
    public String toString() {
        return handle;
    }
}
