package org.jxapi.db;

import java.util.Map;

import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes made within one {@link Transaction}; reads see the transaction's own changes. Values
 * are given in the model's Java types (String, Long, Double, Boolean, Instant, Ref, generated
 * enums, Set, Map). Paired reference fields ({@code VBD.VM} and {@code VM.VBDs}) are kept in step
 * by the database: the set side cannot be written directly.
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
}
