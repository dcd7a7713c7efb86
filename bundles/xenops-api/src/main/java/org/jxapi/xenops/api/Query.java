package org.jxapi.xenops.api;

import java.util.List;

/** What {@code query} returns: the instance's name, vendor, version and features, and a per-run id. */
public record Query(String name, String vendor, String version, List<String> features, String instanceId) {
    public Query {
        features = Copies.list(features);
    }
}
