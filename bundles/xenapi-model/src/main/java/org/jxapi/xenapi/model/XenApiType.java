package org.jxapi.xenapi.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The XenAPI type of a field, parameter or result, as the model spells it
 * ({@code "(string -> VM ref) map"}). Codecs and the dispatcher walk these to convert values.
 */
public sealed interface XenApiType {

    /** The model's spelling of this type. */
    String wireName();

    enum Primitive implements XenApiType {
        STRING("string"), INT("int"), FLOAT("float"), BOOL("bool"), DATETIME("datetime"), VOID("void");

        private final String wireName;

        Primitive(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Types outside the regular grammar: an event's snapshot, the result of event.from, and the
     * untyped values of XenAPI extensions (which the model does not declare), kept in raw form.
     */
    enum Special implements XenApiType {
        ANY_RECORD("<class> record"), EVENT_BATCH("an event batch"), UNTYPED("an untyped value");

        private final String wireName;

        Special(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    record RefOf(String className) implements XenApiType {
        @Override
        public String wireName() {
            return className + " ref";
        }
    }

    record RecordOf(String className) implements XenApiType {
        @Override
        public String wireName() {
            return className + " record";
        }
    }

    record SetOf(XenApiType element) implements XenApiType {
        @Override
        public String wireName() {
            return element.wireName() + " set";
        }
    }

    /** An optional value: on the wire, an array of zero or one element, as the original sends it. */
    record OptionOf(XenApiType element) implements XenApiType {
        @Override
        public String wireName() {
            return element.wireName() + " option";
        }
    }

    record MapOf(XenApiType key, XenApiType value) implements XenApiType {
        @Override
        public String wireName() {
            return "(" + key.wireName() + " -> " + value.wireName() + ") map";
        }
    }

    /** An enum of the model, backed by a generated Java enum implementing {@link WireEnum}. */
    final class EnumOf implements XenApiType {
        private final String name;
        private final Class<? extends Enum<?>> javaClass;
        private volatile Map<String, Enum<?>> byWire;

        public EnumOf(String name, Class<? extends Enum<?>> javaClass) {
            this.name = name;
            this.javaClass = javaClass;
        }

        public String name() {
            return name;
        }

        public Class<? extends Enum<?>> javaClass() {
            return javaClass;
        }

        @Override
        public String wireName() {
            return "enum " + name;
        }

        /** The constant whose wire name is {@code s}, or null when there is none. */
        public Enum<?> fromWire(String s) {
            Map<String, Enum<?>> m = byWire;
            if (m == null) {
                Map<String, Enum<?>> built = new HashMap<>();
                for (Enum<?> e : javaClass.getEnumConstants()) {
                    built.put(((WireEnum) e).wireName(), e);
                }
                byWire = m = Collections.unmodifiableMap(built);
            }
            return m.get(s);
        }

        public List<Enum<?>> values() {
            return List.of(javaClass.getEnumConstants());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EnumOf e && e.name.equals(name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name);
        }

        @Override
        public String toString() {
            return wireName();
        }
    }

    static XenApiType ref(String className) {
        return new RefOf(className);
    }

    static XenApiType record(String className) {
        return new RecordOf(className);
    }

    static XenApiType set(XenApiType element) {
        return new SetOf(element);
    }

    static XenApiType option(XenApiType element) {
        return new OptionOf(element);
    }

    static XenApiType map(XenApiType key, XenApiType value) {
        return new MapOf(key, value);
    }
}
