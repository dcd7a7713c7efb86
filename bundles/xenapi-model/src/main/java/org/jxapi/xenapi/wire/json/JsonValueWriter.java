package org.jxapi.xenapi.wire.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import org.jxapi.xenapi.model.FieldMeta;
import org.jxapi.xenapi.model.Values;
import org.jxapi.xenapi.wire.WireWriter;

/** Writes values as JSON: ints as numbers, datetimes as {@code "20240131T23:59:59Z"} strings. */
public final class JsonValueWriter implements WireWriter {
    /**
     * Field names quoted and UTF-8 encoded once: escaping every name of every record was the
     * largest single cost of encoding a record. The set is bounded by the model, so the map is
     * copied on the rare miss and read without locking, by identity (a record's hashCode would
     * walk every component).
     */
    private static volatile java.util.IdentityHashMap<FieldMeta, SerializedString> names =
            new java.util.IdentityHashMap<>();
    private final JsonGenerator g;

    JsonValueWriter(JsonGenerator g) {
        this.g = g;
    }

    @Override
    public void string(String s) {
        try {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void int64(long v) {
        try {
            g.writeNumber(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void float64(double v) {
        try {
            g.writeNumber(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void bool(boolean v) {
        try {
            g.writeBoolean(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void dateTime(Instant t) {
        string(Values.formatDateTime(t));
    }

    @Override
    public void startArray(int size) {
        try {
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endArray() {
        try {
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void startStruct(int size) {
        try {
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void member(String name) {
        try {
            g.writeFieldName(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void field(FieldMeta f) {
        SerializedString name = names.get(f);
        if (name == null) {
            name = remember(f);
        }
        try {
            g.writeFieldName(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized SerializedString remember(FieldMeta f) {
        java.util.IdentityHashMap<FieldMeta, SerializedString> copy = new java.util.IdentityHashMap<>(names);
        SerializedString name = copy.computeIfAbsent(f, k -> new SerializedString(k.name()));
        names = copy;
        return name;
    }

    @Override
    public void endStruct() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
