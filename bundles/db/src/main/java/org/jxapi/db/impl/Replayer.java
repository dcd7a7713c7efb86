package org.jxapi.db.impl;

import org.jxapi.db.impl.Schema.TableDef;
import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiType;

/**
 * Applies journaled operations to a transaction. Operations on tables or fields this version
 * does not know are skipped (their lengths are recorded), so a journal written before an
 * upgrade still replays.
 */
final class Replayer {
    private Replayer() {
    }

    static void apply(Schema schema, TxnImpl tx, ByteReader in) {
        while (!in.atEnd()) {
            byte code = in.get();
            int length = readInt(in);
            byte[] body = new byte[length];
            for (int i = 0; i < length; i++) {
                body[i] = in.get();
            }
            ByteReader op = new ByteReader(body, 0, length);
            String table = op.getString();
            String handle = op.getString();
            TableDef def = schema.tableOrNull(table);
            if (def == null) {
                continue;
            }
            Ref<?> ref = Ref.of(handle);
            switch (code) {
                case Op.CREATE -> {
                    Object[] values = def.meta.defaults();
                    while (!op.atEnd()) {
                        String name = op.getString();
                        int n = readInt(op);
                        FieldMeta f = def.meta.field(name);
                        byte[] v = new byte[n];
                        for (int i = 0; i < n; i++) {
                            v[i] = op.get();
                        }
                        if (f != null && !def.derived[f.index()]) {
                            values[f.index()] = ValueCodec.read(new ByteReader(v, 0, n), f.type());
                        }
                    }
                    tx.insert(def, ref, values);
                }
                case Op.SET -> {
                    String name = op.getString();
                    int n = readInt(op);
                    FieldMeta f = def.meta.field(name);
                    if (f != null) {
                        tx.set(table, ref, name, ValueCodec.read(op, f.type()));
                    }
                }
                case Op.ADD_TO_MAP, Op.REMOVE_FROM_MAP -> {
                    FieldMeta f = def.meta.field(op.getString());
                    if (f != null && f.type() instanceof XenApiType.MapOf m) {
                        Object k = ValueCodec.read(op, m.key());
                        if (code == Op.ADD_TO_MAP) {
                            tx.addToMap(table, ref, f.name(), k, ValueCodec.read(op, m.value()));
                        } else {
                            tx.removeFromMap(table, ref, f.name(), k);
                        }
                    }
                }
                case Op.ADD_TO_SET, Op.REMOVE_FROM_SET -> {
                    FieldMeta f = def.meta.field(op.getString());
                    if (f != null && f.type() instanceof XenApiType.SetOf s) {
                        Object e = ValueCodec.read(op, s.element());
                        if (code == Op.ADD_TO_SET) {
                            tx.addToSet(table, ref, f.name(), e);
                        } else {
                            tx.removeFromSet(table, ref, f.name(), e);
                        }
                    }
                }
                case Op.DESTROY -> tx.destroy(table, ref);
                case Op.TOUCH -> tx.touch(table, ref);
                default -> throw new ByteReader.Corrupt("unknown operation " + code);
            }
        }
    }

    static int readInt(ByteReader in) {
        return ((in.get() & 0xFF) << 24) | ((in.get() & 0xFF) << 16) | ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
    }
}
