package org.jxapi.xenops.json.impl;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

/**
 * Writes a record's fields in the order of its components, which is the original's field order.
 * Jackson moves the fields a mix-in renames to the end; the metadata files and the wire keep the order.
 * A mix-in's {@code @JsonPropertyOrder} (tuples) still wins: it is applied before this.
 */
final class RecordOrder extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> orderProperties(SerializationConfig config, BeanDescription beanDesc,
            List<BeanPropertyWriter> properties) {
        Class<?> c = beanDesc.getBeanClass();
        if (!c.isRecord() || beanDesc.getClassAnnotations().has(com.fasterxml.jackson.annotation.JsonPropertyOrder.class)) {
            return properties;
        }
        Map<String, Integer> index = new HashMap<>();
        RecordComponent[] components = c.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            index.put(components[i].getName(), i);
        }
        List<BeanPropertyWriter> sorted = new ArrayList<>(properties);
        sorted.sort(Comparator.comparingInt(w -> index.getOrDefault(w.getMember().getName(), components.length)));
        return sorted;
    }
}
