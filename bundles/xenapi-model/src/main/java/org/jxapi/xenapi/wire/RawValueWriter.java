package org.jxapi.xenapi.wire;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the raw form of a value ({@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code Instant}, {@code List}, {@code Map}) instead of writing bytes. With {@link TypedEncoder}
 * it turns typed values into what a parsed call carries, so that in-process callers go through
 * the same decoding and checks as the wire.
 */
public final class RawValueWriter implements WireWriter {
    private final Deque<Object> open = new ArrayDeque<>();
    private final Deque<String> names = new ArrayDeque<>();
    private Object result;
    private boolean done;

    /** The raw form of {@code value} read as {@code type}. */
    public static Object toRaw(Object value, org.jxapi.xenapi.model.XenApiType type) {
        RawValueWriter w = new RawValueWriter();
        TypedEncoder.write(w, value, type);
        return w.result();
    }

    public Object result() {
        if (!done) {
            throw new IllegalStateException("no complete value written");
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private void value(Object v) {
        Object parent = open.peek();
        if (parent == null) {
            result = v;
            done = true;
        } else if (parent instanceof List<?> l) {
            ((List<Object>) l).add(v);
        } else {
            ((Map<String, Object>) parent).put(names.pop(), v);
        }
    }

    @Override
    public void string(String s) {
        value(s);
    }

    @Override
    public void int64(long v) {
        value(v);
    }

    @Override
    public void float64(double v) {
        value(v);
    }

    @Override
    public void bool(boolean v) {
        value(v);
    }

    @Override
    public void dateTime(Instant t) {
        value(t);
    }

    @Override
    public void startArray(int size) {
        open.push(new ArrayList<>(size));
    }

    @Override
    public void endArray() {
        value(open.pop());
    }

    @Override
    public void startStruct(int size) {
        open.push(new LinkedHashMap<String, Object>());
    }

    @Override
    public void member(String name) {
        names.push(name);
    }

    @Override
    public void endStruct() {
        value(open.pop());
    }
}
