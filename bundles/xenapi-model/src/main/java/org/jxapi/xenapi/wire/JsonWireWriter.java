package org.jxapi.xenapi.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;

import org.jxapi.xenapi.model.Values;

/** Writes values as JSON: ints as numbers, datetimes as {@code "20240131T23:59:59Z"} strings. */
public final class JsonWireWriter implements WireWriter {
    private final JsonGenerator g;

    public JsonWireWriter(JsonGenerator g) {
        this.g = g;
    }

    public JsonGenerator generator() {
        return g;
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
    public void endStruct() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
