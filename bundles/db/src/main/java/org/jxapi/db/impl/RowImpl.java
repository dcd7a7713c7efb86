package org.jxapi.db.impl;

import java.util.Arrays;

import org.jxapi.db.Row;
import org.jxapi.db.impl.Schema.TableDef;
import org.jxapi.xenapi.model.ClassMeta;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiRecord;

/** One stored object. The values array is never changed once the row exists; updates make a new row. */
final class RowImpl implements Row {
    final TableDef table;
    final Ref<?> ref;
    final Object[] values;
    final long created;
    final long modified;

    RowImpl(TableDef table, Ref<?> ref, Object[] values, long created, long modified) {
        this.table = table;
        this.ref = ref;
        this.values = values;
        this.created = created;
        this.modified = modified;
    }

    RowImpl with(int field, Object value, long generation) {
        Object[] v = values.clone();
        v[field] = value;
        return new RowImpl(table, ref, v, created, generation);
    }

    RowImpl touched(long generation) {
        return new RowImpl(table, ref, values, created, generation);
    }

    String handle() {
        return ref.handle();
    }

    @Override
    public Ref<?> ref() {
        return ref;
    }

    @Override
    public ClassMeta meta() {
        return table.meta;
    }

    @Override
    public Object get(int index) {
        return values[index];
    }

    @Override
    public Object get(String field) {
        return values[table.field(field).index()];
    }

    @Override
    public Object[] toArray() {
        return values.clone();
    }

    @Override
    public String uuid() {
        return table.uuidField < 0 ? "" : (String) values[table.uuidField];
    }

    @Override
    public long created() {
        return created;
    }

    @Override
    public long modified() {
        return modified;
    }

    @Override
    public <T extends XenApiRecord> T toRecord(Class<T> type) {
        return type.cast(table.meta.newRecord(values));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowImpl r && r.table == table && r.ref.equals(ref) && r.created == created
                && r.modified == modified && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return ref.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(table.name()).append(' ').append(ref).append(" {");
        for (FieldMeta f : table.meta.fields()) {
            sb.append(f.name()).append('=').append(values[f.index()]).append(", ");
        }
        return sb.append("ctime=").append(created).append(", mtime=").append(modified).append('}').toString();
    }
}
