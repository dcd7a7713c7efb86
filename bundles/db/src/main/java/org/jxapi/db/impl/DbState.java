package org.jxapi.db.impl;

/** All tables at one generation. Immutable; a transaction produces the next one. */
final class DbState {
    final long generation;
    final TableState[] tables;

    DbState(long generation, TableState[] tables) {
        this.generation = generation;
        this.tables = tables;
    }

    static DbState empty(Schema schema) {
        TableState[] t = new TableState[schema.tables.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = TableState.empty(schema.tables.get(i));
        }
        return new DbState(0, t);
    }

    long rowCount() {
        long n = 0;
        for (TableState t : tables) {
            n += t.size();
        }
        return n;
    }
}
