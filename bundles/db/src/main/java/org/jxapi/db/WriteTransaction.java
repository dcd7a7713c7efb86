package org.jxapi.db;

import java.util.Map;

import org.jxapi.xenapi.model.ClassKey;
import org.jxapi.xenapi.model.Field;
import org.jxapi.xenapi.model.FieldValues;
import org.jxapi.xenapi.model.MapField;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.SetField;
import org.jxapi.xenapi.model.XenApiRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes made within one {@link Transaction}; reads see the transaction's own changes. Values
 * are given in the model's Java types (String, Long, Double, Boolean, Instant, Ref, generated
 * enums, Set, Map). Paired reference fields ({@code VBD.VM} and {@code VM.VBDs}) are kept in step
 * by the database: the set side cannot be written directly.
 * <p>
 * Code that knows its classes uses the typed overloads ({@code tx.set(Vm.Fields.POWER_STATE, vm, HALTED)}),
 * which the compiler checks; the by-name methods stay for code that is generic over classes
 * (implicit messages, state.db import). The typed ones only rename: same checks, same cost.
 */
@ProviderType
public interface WriteTransaction extends Reader {

    /**
     * Creates an object. Omitted fields take the model's defaults; a missing or empty uuid gets a
     * fresh one. Returns the new reference.
     */
    <T> Ref<T> create(String className, Map<String, ?> fields);

    /** Creates an object with a given reference, e.g. when the caller needs it before the commit. */
    <T> Ref<T> create(String className, Ref<T> ref, Map<String, ?> fields);

    /** Creates an object from a generated record; its uuid is kept unless empty. */
    <T extends XenApiRecord> Ref<T> create(T record);

    void set(String className, Ref<?> ref, String field, Object value);

    /** Adds a key; {@code MAP_DUPLICATE_KEY [class, field, uuid, key]} when it is there already. */
    void addToMap(String className, Ref<?> ref, String field, Object key, Object value);

    /** Removes a key; nothing happens when it is absent. */
    void removeFromMap(String className, Ref<?> ref, String field, Object key);

    /** Adds an element unless present. */
    void addToSet(String className, Ref<?> ref, String field, Object element);

    void removeFromSet(String className, Ref<?> ref, String field, Object element);

    /** Deletes the object. References to it elsewhere are left as they are: destroy does not cascade. */
    void destroy(String className, Ref<?> ref);

    /** Marks the object changed without changing it, so that watchers hear of it ({@code event.inject}). */
    void touch(String className, Ref<?> ref);

    /** Creates an object of class {@code c}; fields not given take the model's defaults. */
    default <C extends XenApiRecord> Ref<C> create(ClassKey<C> c, FieldValues<C> fields) {
        return create(c.name(), fields.asMap());
    }

    /** Creates an object of class {@code c} with a given reference. */
    default <C extends XenApiRecord> Ref<C> create(ClassKey<C> c, Ref<C> ref, FieldValues<C> fields) {
        return create(c.name(), ref, fields.asMap());
    }

    default <V> void set(Field<?, V> field, Ref<?> ref, V value) {
        set(field.owner().name(), ref, field.name(), value);
    }

    /** Sets every field in {@code fields}, in the order they were put. */
    default <C extends XenApiRecord> void set(Ref<?> ref, FieldValues<C> fields) {
        String c = fields.owner().name();
        for (Map.Entry<String, Object> e : fields.asMap().entrySet()) {
            set(c, ref, e.getKey(), e.getValue());
        }
    }

    /** Sets the fields in {@code fields} whose values differ from the object's, so unchanged ones stay unchanged. */
    default <C extends XenApiRecord> void update(Ref<?> ref, FieldValues<C> fields) {
        String c = fields.owner().name();
        Row row = require(c, ref);
        for (Map.Entry<String, Object> e : fields.asMap().entrySet()) {
            if (!java.util.Objects.equals(row.get(e.getKey()), e.getValue())) {
                set(c, ref, e.getKey(), e.getValue());
            }
        }
    }

    /** Adds a key; {@code MAP_DUPLICATE_KEY [class, field, uuid, key]} when it is there already. */
    default <K, V> void addToMap(MapField<?, K, V> field, Ref<?> ref, K key, V value) {
        addToMap(field.owner().name(), ref, field.name(), key, value);
    }

    /** Removes a key; nothing happens when it is absent. */
    default <K> void removeFromMap(MapField<?, K, ?> field, Ref<?> ref, K key) {
        removeFromMap(field.owner().name(), ref, field.name(), key);
    }

    /** Adds an element unless present. */
    default <E> void addToSet(SetField<?, E> field, Ref<?> ref, E element) {
        addToSet(field.owner().name(), ref, field.name(), element);
    }

    default <E> void removeFromSet(SetField<?, E> field, Ref<?> ref, E element) {
        removeFromSet(field.owner().name(), ref, field.name(), element);
    }

    /** Deletes the object; does not cascade. */
    default void destroy(ClassKey<?> c, Ref<?> ref) {
        destroy(c.name(), ref);
    }

    /** Marks the object changed without changing it. */
    default void touch(ClassKey<?> c, Ref<?> ref) {
        touch(c.name(), ref);
    }
}
