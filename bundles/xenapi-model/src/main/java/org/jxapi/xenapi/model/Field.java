package org.jxapi.xenapi.model;

import java.util.Objects;

/**
 * One field of class {@code C} whose values have Java type {@code V} ({@code Vm.Fields.POWER_STATE}).
 * Generated per field, so a misspelt field name is a compile error, and it carries the field's
 * index so that readers need no lookup by name.
 */
public class Field<C extends XenApiRecord, V> {
    private final ClassKey<C> owner;
    private final String name;
    private final int index;

    Field(ClassKey<C> owner, String name, int index) {
        this.owner = Objects.requireNonNull(owner);
        this.name = Objects.requireNonNull(name);
        this.index = index;
    }

    /** For generated records. */
    public static <C extends XenApiRecord, V> Field<C, V> field(ClassKey<C> owner, String name, int index) {
        return new Field<>(owner, name, index);
    }

    public ClassKey<C> owner() {
        return owner;
    }

    /** The model's name, e.g. {@code power_state}. */
    public String name() {
        return name;
    }

    /** The position in model order, as {@link XenApiRecord#get(int)} and {@link FieldMeta#index()} count. */
    public int index() {
        return index;
    }

    public FieldMeta meta() {
        return owner.meta().fields().get(index);
    }

    @Override
    public String toString() {
        return owner.name() + "." + name;
    }
}
