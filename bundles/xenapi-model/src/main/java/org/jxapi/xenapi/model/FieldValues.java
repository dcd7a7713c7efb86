package org.jxapi.xenapi.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field values of one class, put through typed {@link Field}s: what a new object starts with or an
 * update changes. Mutable, not thread-safe; {@link #asMap()} is the by-name view generic code takes.
 */
public final class FieldValues<C extends XenApiRecord> {
    private final ClassKey<C> owner;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private FieldValues(ClassKey<C> owner) {
        this.owner = owner;
    }

    public static <C extends XenApiRecord> FieldValues<C> of(ClassKey<C> owner) {
        return new FieldValues<>(owner);
    }

    public <V> FieldValues<C> put(Field<C, V> field, V value) {
        values.put(field.name(), value);
        return this;
    }

    /**
     * Puts a value whose type the compiler cannot see: one a codec already decoded against the model,
     * e.g. a field of a client's record. The database still checks it when it is written.
     */
    public FieldValues<C> putUnchecked(Field<C, ?> field, Object value) {
        values.put(field.name(), value);
        return this;
    }

    public boolean has(Field<C, ?> field) {
        return values.containsKey(field.name());
    }

    public ClassKey<C> owner() {
        return owner;
    }

    /** Field name to value, in the order they were put; unmodifiable. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return owner.name() + values;
    }
}
