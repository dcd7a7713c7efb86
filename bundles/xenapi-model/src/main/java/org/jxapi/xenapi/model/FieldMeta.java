package org.jxapi.xenapi.model;

/**
 * A field of a class. {@code defaultValue} is the model's default when {@code hasDefault}, else
 * the type's zero value (empty string, 0, false, epoch, null reference, empty collection).
 */
public record FieldMeta(int index, String name, String javaName, XenApiType type, Qualifier qualifier,
                        boolean hasDefault, Object defaultValue, Lifecycle lifecycle) {

    public boolean isWritable() {
        return qualifier == Qualifier.RW;
    }
}
