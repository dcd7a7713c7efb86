package org.jxapi.db;

import org.jxapi.xenapi.model.Ref;
import org.osgi.annotation.versioning.ProviderType;

/** Read access shared by snapshots and transactions. Tables are named as the model names classes ({@code VM}). */
@ProviderType
public interface Reader {

    long generation();

    /** The table of a class; unknown or non-persistent class names raise IllegalArgumentException. */
    TableView table(String className);

    /** The row, or null when there is none. */
    default Row row(String className, Ref<?> ref) {
        return table(className).get(ref);
    }

    /** The row, or {@code HANDLE_INVALID [class, ref]}. */
    default Row require(String className, Ref<?> ref) {
        return table(className).require(ref);
    }
}
