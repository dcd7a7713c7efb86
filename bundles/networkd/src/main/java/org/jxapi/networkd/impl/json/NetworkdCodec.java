package org.jxapi.networkd.impl.json;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Arguments, results and errors of the networkd calls in the original's wire shapes, driven by the
 * {@link NetworkdCalls} declarations: positional parameters with {@code debug_info} first (or one
 * object keyed by the original's names), maps declared as pairs sent as {@code [[k, v]]}, options read
 * from null, {@code []}, {@code [x]} or a bare {@code x} and written as null or the bare value, errors
 * as {@code ["Code", param, ...]}.
 */
public final class NetworkdCodec {
    private static final ObjectMapper M = NetworkdJson.mapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private NetworkdCodec() {
    }

    public static Object[] decodeArguments(NetworkdCalls.Call call, JsonNode params) {
        Type[] types = call.method().getGenericParameterTypes();
        Object[] args = new Object[types.length];
        JsonNode named = params != null && params.isObject() ? params
                : params != null && params.isArray() && params.size() == 1 && params.get(0).isObject()
                        && !call.params().isEmpty() ? params.get(0) : null;
        for (int i = 0; i < types.length; i++) {
            String name = i == 0 ? "debug_info" : call.params().get(i - 1);
            JsonNode node = named != null ? named.get(name) : params == null ? null : params.get(i);
            args[i] = decode(node, types[i], call.options().contains(name), call.pairs().contains(name));
        }
        return args;
    }

    public static ArrayNode encodeArguments(NetworkdCalls.Call call, Object[] args) {
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < args.length; i++) {
            String name = i == 0 ? "debug_info" : call.params().get(i - 1);
            a.add(encode(args[i], call.pairs().contains(name)));
        }
        return a;
    }

    public static JsonNode encodeResult(NetworkdCalls.Call call, Object result) {
        return encode(result, call.resultIsPairs());
    }

    public static Object decodeResult(NetworkdCalls.Call call, JsonNode result) {
        Type type = call.method().getGenericReturnType();
        if (type == void.class) {
            return null;
        }
        return decode(result, type, false, call.resultIsPairs());
    }

    public static ArrayNode encodeError(NetworkdException e) {
        ArrayNode a = F.arrayNode();
        a.add(e.errorCode().wireName());
        e.params().forEach(a::add);
        return a;
    }

    /** {@code ["Code", p...]}, or a bare code; anything else is an {@code Internal_error} carrying it. */
    public static NetworkdException decodeError(JsonNode error) {
        if (error != null && error.isArray() && !error.isEmpty()) {
            List<String> params = new ArrayList<>();
            for (int i = 1; i < error.size(); i++) {
                JsonNode p = error.get(i);
                if (p.isArray()) {
                    p.forEach(x -> params.add(x.asText()));
                } else {
                    params.add(p.asText());
                }
            }
            return new NetworkdException(NetworkdErrorCode.ofWireName(error.get(0).asText()), params, null);
        }
        if (error != null && error.isTextual()) {
            return new NetworkdException(NetworkdErrorCode.ofWireName(error.asText()), List.of(), null);
        }
        return NetworkdException.internal(String.valueOf(error), null);
    }

    private static Object decode(JsonNode node, Type type, boolean option, boolean pairs) {
        JavaType jt = M.getTypeFactory().constructType(type);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return jt.isPrimitive() ? M.convertValue(jt.getRawClass() == boolean.class ? false : 0, jt) : null;
        }
        if (option && node.isArray()) {
            if (node.isEmpty()) {
                return null;
            }
            if (node.size() == 1) {
                node = node.get(0);
            }
        }
        if (pairs && node.isArray()) {
            node = pairsToObject(node);
        }
        try {
            return M.treeToValue(node, jt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + node + " as " + jt + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode encode(Object value, boolean pairs) {
        JsonNode node = M.valueToTree(value);
        if (pairs && node != null && node.isObject()) {
            ArrayNode a = F.arrayNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                a.add(F.arrayNode().add(e.getKey()).add(e.getValue()));
            }
            return a;
        }
        return node == null ? F.nullNode() : node;
    }

    /** {@code [[k, v], ...]} as {@code {k: v}}: the map's own type then reads it with databind. */
    private static ObjectNode pairsToObject(JsonNode pairs) {
        ObjectNode o = F.objectNode();
        for (JsonNode pair : pairs) {
            if (!pair.isArray() || pair.size() != 2) {
                throw new IllegalArgumentException("expected a [key, value] pair, got " + pair);
            }
            o.set(pair.get(0).asText(), pair.get(1));
        }
        return o;
    }
}
