package org.jxapi.xenapi.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Everything the model says about one class, plus a factory for its generated record. */
public final class ClassMeta {
    private final String name;
    private final String javaName;
    private final Lifecycle lifecycle;
    private final List<FieldMeta> fields;
    private final List<MessageMeta> messages;
    private final List<XenApiType.EnumOf> enums;
    private final Class<? extends XenApiRecord> recordClass;
    private final Function<Object[], XenApiRecord> factory;
    private final Map<String, FieldMeta> fieldsByName;
    private final Map<String, MessageMeta> messagesByName;

    public ClassMeta(String name, String javaName, Lifecycle lifecycle, List<FieldMeta> fields,
                     List<MessageMeta> messages, List<XenApiType.EnumOf> enums,
                     Class<? extends XenApiRecord> recordClass, Function<Object[], XenApiRecord> factory) {
        this.name = name;
        this.javaName = javaName;
        this.lifecycle = lifecycle;
        this.fields = List.copyOf(fields);
        this.messages = List.copyOf(messages);
        this.enums = List.copyOf(enums);
        this.recordClass = recordClass;
        this.factory = factory;
        Map<String, FieldMeta> f = new HashMap<>();
        for (FieldMeta fm : fields) {
            f.put(fm.name(), fm);
        }
        this.fieldsByName = Collections.unmodifiableMap(f);
        Map<String, MessageMeta> m = new HashMap<>();
        for (MessageMeta mm : messages) {
            m.put(mm.name(), mm);
        }
        this.messagesByName = Collections.unmodifiableMap(m);
    }

    public String name() {
        return name;
    }

    public String javaName() {
        return javaName;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public List<FieldMeta> fields() {
        return fields;
    }

    public List<MessageMeta> messages() {
        return messages;
    }

    /** The enums the model lists with this class. */
    public List<XenApiType.EnumOf> enums() {
        return enums;
    }

    public Class<? extends XenApiRecord> recordClass() {
        return recordClass;
    }

    /** The field named {@code name}, or null. */
    public FieldMeta field(String name) {
        return fieldsByName.get(name);
    }

    /** The message named {@code name} (without the class prefix), or null. */
    public MessageMeta message(String name) {
        return messagesByName.get(name);
    }

    /** Builds the record from field values in model order. */
    public XenApiRecord newRecord(Object[] values) {
        return factory.apply(values);
    }

    /** The field values of a new object: the model's defaults. */
    public Object[] defaults() {
        Object[] v = new Object[fields.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = fields.get(i).defaultValue();
        }
        return v;
    }

    /** True for classes whose objects live in the database with references and uuids. */
    public boolean isPersistent() {
        return !messages.isEmpty() && field("uuid") != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
