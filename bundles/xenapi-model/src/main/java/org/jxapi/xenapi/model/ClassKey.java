package org.jxapi.xenapi.model;

import java.util.Objects;

/**
 * Names one class of the model in code, typed by its generated record ({@code Vm.CLASS}), so that
 * database calls name classes through the compiler rather than as strings.
 */
public final class ClassKey<C extends XenApiRecord> {
    private final ClassMeta meta;
    private final Class<C> recordClass;

    private ClassKey(ClassMeta meta, Class<C> recordClass) {
        this.meta = Objects.requireNonNull(meta);
        this.recordClass = Objects.requireNonNull(recordClass);
    }

    /** For generated records; everyone else uses their {@code CLASS} constants. */
    public static <C extends XenApiRecord> ClassKey<C> of(ClassMeta meta, Class<C> recordClass) {
        return new ClassKey<>(meta, recordClass);
    }

    /** The model's name, e.g. {@code VM}: what tables and errors call the class. */
    public String name() {
        return meta.name();
    }

    public ClassMeta meta() {
        return meta;
    }

    public Class<C> recordClass() {
        return recordClass;
    }

    @Override
    public String toString() {
        return meta.name();
    }
}
