package org.jxapi.db;

import java.util.List;

import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.Ref;
import org.osgi.annotation.versioning.ProviderType;

/** The rows of one class in one state of the database. */
@ProviderType
public interface TableView extends Iterable<Row> {

    ClassMeta meta();

    int size();

    /** The row, or null. */
    Row get(Ref<?> ref);

    /** The row, or {@code HANDLE_INVALID [class, ref]}. */
    Row require(Ref<?> ref);

    /** The row with this uuid, or null. */
    Row byUuid(String uuid);

    /** The rows with this name_label, oldest first; empty when none (or the class has no name_label). */
    List<Row> byNameLabel(String nameLabel);
}
