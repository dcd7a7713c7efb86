package org.jxapi.xenapi.model;

import java.util.Set;

/** A set field, typed by element. */
public final class SetField<C extends XenApiRecord, E> extends Field<C, Set<E>> {

    private SetField(ClassKey<C> owner, String name, int index) {
        super(owner, name, index);
    }

    /** For generated records. */
    public static <C extends XenApiRecord, E> SetField<C, E> setField(ClassKey<C> owner, String name, int index) {
        return new SetField<>(owner, name, index);
    }
}
