package org.jxapi.networkd.impl.json;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A map result that goes on the wire as the original's association list: the server's binding wraps
 * the results of calls declared with {@code pairs = "result"} in it (the transport writes results as
 * they are), and it still is the {@link Map} the method returns.
 */
@JsonSerialize(using = PairsSerializer.class)
public final class PairsResult<V> extends LinkedHashMap<String, V> {
    private static final long serialVersionUID = 1L;

    public PairsResult(Map<String, V> m) {
        super(m);
    }
}
