package org.jxapi.db;

import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.Field;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One object: its reference, its field values in model order and the generations at which it
 * was created and last modified. Immutable. As a {@link XenApiRecord} it can be handed to the
 * codecs as it is.
 */
@ProviderType
public interface Row extends XenApiRecord {

    Ref<?> ref();

    /** The value of the named field; IllegalArgumentException for an unknown field. */
    Object get(String field);

    /**
     * The value of a field, typed ({@code row.get(Vm.Fields.POWER_STATE)}): read by index, no lookup by
     * name. IllegalArgumentException when the field belongs to another class than the row.
     */
    @SuppressWarnings("unchecked")
    default <V> V get(Field<?, V> field) {
        ClassMeta meta = meta();
        // Model names are compile-time constants, so the same class shares one String: usually == succeeds.
        if (field.owner().meta() != meta && !field.owner().name().equals(meta.name())) {
            throw new IllegalArgumentException(field + " read from a row of " + meta.name());
        }
        return (V) get(field.index());
    }

    /** The uuid field, or "" for classes without one. */
    String uuid();

    long created();

    long modified();

    /** The generated record of the class, e.g. {@code Vm}. */
    <T extends XenApiRecord> T toRecord(Class<T> type);

    @Override
    ClassMeta meta();
}
