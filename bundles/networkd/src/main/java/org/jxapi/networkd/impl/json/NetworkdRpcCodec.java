package org.jxapi.networkd.impl.json;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jxapi.common.rpc.RpcCodec;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * networkd's JSON mapping as common.rpc's transport needs it: {@link NetworkdJson}'s mapper turns the
 * API records into plain values in the original's shapes and back. A map read from a list of
 * {@code [key, value]} pairs (a result declared as pairs, {@code Bridge.get_all_ports}) becomes an
 * object first; a {@link PairsResult} is written as pairs.
 */
public final class NetworkdRpcCodec implements RpcCodec {
    public static final NetworkdRpcCodec INSTANCE = new NetworkdRpcCodec();
    private static final ObjectMapper M = NetworkdJson.mapper();

    private NetworkdRpcCodec() {
    }

    @Override
    public Object parse(byte[] json) {
        try {
            return M.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] write(Object value) {
        try {
            return M.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + value + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Object toPlain(String name, Object value) {
        try {
            return M.treeToValue(M.valueToTree(value), Object.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Object fromPlain(Object plain, Type type) {
        JavaType t = M.getTypeFactory().constructType(type);
        Object v = plain;
        if (t.isMapLikeType() && plain instanceof List<?> l) {
            v = pairs(l);
        }
        try {
            return M.convertValue(v, t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + plain + " as " + t + ": " + e.getMessage(), e);
        }
    }

    private static Map<Object, Object> pairs(List<?> l) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (Object p : l) {
            if (!(p instanceof List<?> pair) || pair.size() != 2) {
                throw new IllegalArgumentException("expected a [key, value] pair, got " + p);
            }
            m.put(pair.get(0), pair.get(1));
        }
        return m;
    }
}
