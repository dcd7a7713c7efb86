package org.jxapi.networkd.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything networkd remembers, as the original's {@code config_t} and the contents of
 * {@code networkd.db}: interfaces and bridges by name, and which interfaces the default gateway and
 * the DNS servers come from (null: none chosen).
 */
public record NetworkConfig(Map<String, InterfaceConfig> interfaces, Map<String, BridgeConfig> bridges,
        String gatewayInterface, String dnsInterface) {
    public static final NetworkConfig EMPTY = new NetworkConfig(Map.of(), Map.of(), null, null);

    public NetworkConfig {
        interfaces = interfaces == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        bridges = bridges == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bridges));
    }
}
