package org.jxapi.storage.api;

import java.util.List;
import java.util.Map;

/**
 * A storage driver as the toolstack shows it (the original's {@code query_result}, the source of
 * a XenAPI SM object). {@code driver} is the SR type; {@code features} are capability names,
 * with {@code /<version>} when the version is not 1 (e.g. {@code VDI_RESET_ON_BOOT/2});
 * {@code configuration} maps device-config keys to their descriptions.
 */
public record QueryResult(
        String driver,
        String name,
        String description,
        String vendor,
        String copyright,
        String version,
        String requiredApiVersion,
        List<String> features,
        Map<String, String> configuration,
        List<String> requiredClusterStack,
        SmapiVersion smapiVersion) {

    public QueryResult {
        features = List.copyOf(features);
        configuration = Map.copyOf(configuration);
        requiredClusterStack = requiredClusterStack == null ? List.of() : List.copyOf(requiredClusterStack);
    }
}
