package org.jxapi.common.rpc;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The calls of an API interface, read once from its methods: the one table an API's client and its
 * server are both derived from. The API's own annotation is read by {@code reader}, which returns
 * null for a method that is no call; the annotation stays in the API's exported package, since a
 * class embedded in two bundles would be two classes.
 */
public final class CallTable {
    private final Class<?> api;
    private final RpcCodec codec;
    private final Map<String, RpcCall> byName;
    private final Map<Method, RpcCall> byMethod;

    private CallTable(Class<?> api, RpcCodec codec, Map<String, RpcCall> byName, Map<Method, RpcCall> byMethod) {
        this.api = api;
        this.codec = codec;
        this.byName = byName;
        this.byMethod = byMethod;
    }

    /** Reads the calls of {@code api}'s public methods; fails if two declare the same wire name. */
    public static CallTable of(Class<?> api, Function<Method, CallSpec> reader, RpcCodec codec) {
        Map<String, RpcCall> byName = new HashMap<>();
        Map<Method, RpcCall> byMethod = new HashMap<>();
        for (Method m : api.getMethods()) {
            CallSpec spec = reader.apply(m);
            if (spec == null) {
                continue;
            }
            RpcCall call = new RpcCall(spec, m, codec);
            byMethod.put(m, call);
            put(byName, spec.name(), call);
            for (String alias : spec.aliases()) {
                put(byName, alias, call);
            }
        }
        return new CallTable(api, codec, Collections.unmodifiableMap(byName), Collections.unmodifiableMap(byMethod));
    }

    private static void put(Map<String, RpcCall> byName, String name, RpcCall call) {
        RpcCall before = byName.putIfAbsent(name, call);
        if (before != null) {
            throw new IllegalStateException(name + " is declared by both " + before.method() + " and " + call.method());
        }
    }

    public Class<?> api() {
        return api;
    }

    public RpcCodec codec() {
        return codec;
    }

    /** The call a wire name (or alias) names, or null. */
    public RpcCall byName(String name) {
        return byName.get(name);
    }

    /** The call a method of the API declares, or null. */
    public RpcCall byMethod(Method m) {
        return byMethod.get(m);
    }

    public Collection<RpcCall> calls() {
        return byMethod.values();
    }
}
