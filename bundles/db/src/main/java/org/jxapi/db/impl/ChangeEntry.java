package org.jxapi.db.impl;

import org.jxapi.db.Change;

/** What one transaction did to one object, for the change log. */
final class ChangeEntry {
    final int table;
    final String handle;
    Change.Kind kind;
    String uuid;
    long created;

    ChangeEntry(int table, String handle, Change.Kind kind, String uuid, long created) {
        this.table = table;
        this.handle = handle;
        this.kind = kind;
        this.uuid = uuid;
        this.created = created;
    }
}
