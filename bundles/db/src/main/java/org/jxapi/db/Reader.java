package org.jxapi.db;

import org.jxapi.xenapi.model.ClassKey;
import org.jxapi.xenapi.model.Ref;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access shared by snapshots and transactions. Tables are named by the generated class keys
 * ({@code Vm.CLASS}); the by-name methods ({@code VM}) stay for code that is generic over classes.
 */
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

    /** The table of a class. */
    default TableView table(ClassKey<?> c) {
        return table(c.name());
    }

    /** The row, or null when there is none. */
    default Row row(ClassKey<?> c, Ref<?> ref) {
        return row(c.name(), ref);
    }

    /** The row, or {@code HANDLE_INVALID [class, ref]}. */
    default Row require(ClassKey<?> c, Ref<?> ref) {
        return require(c.name(), ref);
    }
}
