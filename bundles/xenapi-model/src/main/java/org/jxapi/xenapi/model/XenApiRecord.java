package org.jxapi.xenapi.model;

/**
 * Generic view of a generated record: codecs and the database walk fields by index using the
 * class metadata, without reflection.
 */
public interface XenApiRecord {
    ClassMeta meta();

    /** The value of field {@code index} of {@link ClassMeta#fields()}, in its Java type (boxed). */
    Object get(int index);

    /** All field values in model order. */
    default Object[] toArray() {
        int n = meta().fields().size();
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = get(i);
        }
        return values;
    }
}
