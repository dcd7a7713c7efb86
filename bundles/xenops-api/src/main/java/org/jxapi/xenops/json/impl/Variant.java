package org.jxapi.xenops.json.impl;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * One of the original's variant types: a constructor without arguments is the bare {@code "Tag"}
 * (read also as {@code ["Tag"]}), one with arguments {@code ["Tag", contents]}. The contents are read
 * and written by Jackson as their own type, so variants nest in records and records in variants.
 * Each case says its tag, its contents' type and how the value is built from them.
 */
final class Variant<T> {
    /** A value's tag and contents as written; {@link #bare} has no contents. */
    record Tagged(String tag, Object contents, boolean hasContents) {
        static Tagged bare(String tag) {
            return new Tagged(tag, null, false);
        }

        static Tagged of(String tag, Object contents) {
            return new Tagged(tag, contents, true);
        }
    }

    private record Case<T>(Nested contents, BiFunction<String, Object, T> build) {
    }

    private final Class<T> type;
    private final String what;
    private final Map<String, Case<T>> cases = new HashMap<>();
    private Case<T> otherwise;
    private Function<T, Tagged> writes;

    private Variant(Class<T> type, String what) {
        this.type = type;
        this.what = what;
    }

    static <T> Variant<T> of(Class<T> type, String what) {
        return new Variant<>(type, what);
    }

    /** An enum as the bare tags of its constants' wire names. */
    static <E extends Enum<E>> Variant<E> ofEnum(Class<E> type, String what, Function<E, String> wireName) {
        Variant<E> v = new Variant<>(type, what);
        for (E e : type.getEnumConstants()) {
            v.tag(wireName.apply(e), e);
        }
        return v.writes(e -> Tagged.bare(wireName.apply(e)));
    }

    /** A case without arguments; contents, if a client sends some, are ignored. */
    Variant<T> tag(String tag, T value) {
        cases.put(tag, new Case<>(null, (t, c) -> value));
        return this;
    }

    /** A case with contents of type {@code contents}; {@code build} gets null for {@code ["Tag"]}. */
    @SuppressWarnings("unchecked")
    <C> Variant<T> contents(String tag, Type contents, Function<C, T> build) {
        cases.put(tag, new Case<>(contents == null ? null : new Nested(contents), (t, c) -> build.apply((C) c)));
        return this;
    }

    /** Any other tag; without it, an unknown tag fails. */
    Variant<T> otherwise(Function<String, T> build) {
        otherwise = new Case<>(null, (t, c) -> build.apply(t));
        return this;
    }

    /** Any other tag, with contents of type {@code contents} (null when there are none). */
    @SuppressWarnings("unchecked")
    <C> Variant<T> otherwise(Type contents, BiFunction<String, C, T> build) {
        otherwise = new Case<>(contents == null ? null : new Nested(contents), (t, c) -> build.apply(t, (C) c));
        return this;
    }

    Variant<T> writes(Function<T, Tagged> w) {
        writes = w;
        return this;
    }

    void addTo(SimpleModule module) {
        module.addSerializer(type, new Writer());
        module.addDeserializer(type, new Reader());
    }

    /** Writes a value as its variant; for properties whose declared type is the variant's interface. */
    void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
        write(writes.apply(value), g, p);
    }

    static void write(Tagged t, JsonGenerator g, SerializerProvider p) throws IOException {
        if (!t.hasContents()) {
            g.writeString(t.tag());
            return;
        }
        g.writeStartArray();
        g.writeString(t.tag());
        p.defaultSerializeValue(t.contents(), g);
        g.writeEndArray();
    }

    T read(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return build(p.getText(), false, p, ctxt);
        }
        if (!p.isExpectedStartArrayToken()) {
            throw expected(p);
        }
        p.nextToken();
        return readElements(p, ctxt);
    }

    /** Reads the rest of {@code ["Tag", contents]} from its tag on. */
    T readElements(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw expected(p);
        }
        String tag = p.getText();
        boolean hasContents = p.nextToken() != JsonToken.END_ARRAY;
        T value = build(tag, hasContents, p, ctxt);
        if (hasContents) {
            // What follows the contents is not the original's; its older readers ignored it too.
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
            }
        }
        return value;
    }

    private IllegalArgumentException expected(JsonParser p) {
        return new IllegalArgumentException(what + ": expected a variant (\"Tag\" or [\"Tag\", ...]), got "
                + p.currentToken());
    }

    private T build(String tag, boolean hasContents, JsonParser p, DeserializationContext ctxt) throws IOException {
        Case<T> c = cases.getOrDefault(tag, otherwise);
        if (c == null) {
            throw new IllegalArgumentException("unknown " + what + " " + tag);
        }
        Object contents = null;
        if (hasContents) {
            if (c.contents() == null) {
                p.skipChildren();
            } else {
                contents = c.contents().read(p, ctxt);
            }
        }
        return c.build().apply(tag, contents);
    }

    private final class Writer extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
            Variant.this.serialize(value, g, p);
        }
    }

    private final class Reader extends StdDeserializer<T> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(type);
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read(p, ctxt);
        }
    }
}
