package org.jxapi.xenapi.model;

import java.util.Map;

/** A map field, typed by key and value, so map updates are checked by the compiler too. */
public final class MapField<C extends XenApiRecord, K, V> extends Field<C, Map<K, V>> {

    private MapField(ClassKey<C> owner, String name, int index) {
        super(owner, name, index);
    }

    /** For generated records. */
    public static <C extends XenApiRecord, K, V> MapField<C, K, V> mapField(ClassKey<C> owner, String name, int index) {
        return new MapField<>(owner, name, index);
    }
}
