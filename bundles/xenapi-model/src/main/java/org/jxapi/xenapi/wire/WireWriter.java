package org.jxapi.xenapi.wire;

import java.time.Instant;

/**
 * A sink for one value in a wire format. {@link TypedEncoder} drives it from typed values, so
 * XML-RPC and JSON share one walk over the XenAPI type system.
 */
public interface WireWriter {
    void string(String s);

    void int64(long v);

    void float64(double v);

    void bool(boolean v);

    void dateTime(Instant t);

    void startArray(int size);

    void endArray();

    void startStruct(int size);

    /** The name of the next struct member; the member's value follows. */
    void member(String name);

    /** The next member is the model field {@code f}: its name is a constant, which a writer may have pre-encoded. */
    default void field(org.jxapi.xenapi.model.FieldMeta f) {
        member(f.name());
    }

    void endStruct();
}
