package org.jxapi.networkd.impl.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * An option in any of the shapes the original's peers write: absent or {@code null} (None), {@code []}
 * (None), {@code [x]} (Some x, the rpclib variant form) or a bare {@code x} (a record field). A value
 * that is itself a list (a VLAN's {@code [bridge, tag]}) is unwrapped only when it is wrapped.
 */
public final class OptionDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final JavaType type;

    public OptionDeserializer() {
        this(null);
    }

    private OptionDeserializer(JavaType type) {
        super(Object.class);
        this.type = type;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        return new OptionDeserializer(property != null ? property.getType() : ctxt.getContextualType());
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return null;
            }
            boolean scalarTarget = !tupleShaped();
            if (node.size() == 1 && (scalarTarget || node.get(0).isArray() || node.get(0).isObject())) {
                node = node.get(0);
            }
        }
        return ctxt.readTreeAsValue(node, type);
    }

    /** Types written as JSON lists (tuples, collections): their bare form is an array too. */
    private boolean tupleShaped() {
        if (type == null) {
            return false;
        }
        Class<?> raw = type.getRawClass();
        return type.isContainerType() || raw == org.jxapi.networkd.api.Vlan.class
                || raw == org.jxapi.networkd.api.Address.class || raw == org.jxapi.networkd.api.Dns.class
                || raw == org.jxapi.networkd.api.Ipv4Route.class;
    }
}
