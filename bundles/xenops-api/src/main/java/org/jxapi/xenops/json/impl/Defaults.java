package org.jxapi.xenops.json.impl;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import com.fasterxml.jackson.databind.deser.impl.PropertyValueBuffer;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Gives the record creators the original's defaults ({@link WhenAbsent}, on the record or its
 * mix-in) for the fields a client left out. Records without such fields keep Jackson's instantiator.
 */
final class Defaults extends ValueInstantiators.Base {
    @Override
    public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription beanDesc,
            ValueInstantiator defaultInstantiator) {
        Map<String, Object> defaults = new HashMap<>();
        for (BeanPropertyDefinition d : beanDesc.findProperties()) {
            WhenAbsent w = annotation(d, config.findMixInClassFor(beanDesc.getBeanClass()));
            if (w != null) {
                defaults.put(d.getName(), value(w.value(), d.getRawPrimaryType(), beanDesc));
            }
        }
        return defaults.isEmpty() ? defaultInstantiator : new Filling(defaultInstantiator, defaults);
    }

    private static WhenAbsent annotation(BeanPropertyDefinition d, Class<?> mixIn) {
        for (AnnotatedMember m : new AnnotatedMember[] {d.getGetter(), d.getField(), d.getConstructorParameter()}) {
            WhenAbsent w = m == null ? null : m.getAnnotation(WhenAbsent.class);
            if (w != null) {
                return w;
            }
        }
        // A property that is only read (the mix-in hides its accessor from writing) has no getter here.
        if (mixIn != null) {
            try {
                return mixIn.getDeclaredMethod(d.getInternalName()).getAnnotation(WhenAbsent.class);
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(String text, Class<?> type, BeanDescription beanDesc) {
        if (type == String.class) {
            return text;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == double.class || type == Double.class) {
            return Double.parseDouble(text);
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class) type, text);
        }
        throw new IllegalStateException(beanDesc.getBeanClass() + ": no default of type " + type);
    }

    private static final class Filling extends ValueInstantiator.Delegating {
        private static final long serialVersionUID = 1L;
        private final Map<String, Object> defaults;

        Filling(ValueInstantiator delegate, Map<String, Object> defaults) {
            super(delegate);
            this.defaults = defaults;
        }

        @Override
        public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription beanDesc)
                throws JsonMappingException {
            ValueInstantiator d = delegate().createContextual(ctxt, beanDesc);
            return d == delegate() ? this : new Filling(d, defaults);
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, SettableBeanProperty[] props,
                PropertyValueBuffer buffer) throws IOException {
            Object[] args = buffer.getParameters(props);
            for (int i = 0; i < props.length; i++) {
                Object d = props[i] == null ? null : defaults.get(props[i].getName());
                if (d != null && (args[i] == null || !buffer.hasParameter(props[i]))) {
                    args[i] = d;
                }
            }
            return delegate().createFromObjectWith(ctxt, args);
        }
    }
}
