package org.jxapi.storage.api;

import java.util.Map;

/**
 * One answer of SR.probe: a configuration, whether it is complete enough to create or attach
 * an SR with, the SR found there ({@code null} if none) and driver-specific extras.
 */
public record Probe(Map<String, String> configuration, boolean complete, SrInfo sr, Map<String, String> extraInfo) {

    public Probe {
        configuration = Map.copyOf(configuration);
        extraInfo = extraInfo == null ? Map.of() : Map.copyOf(extraInfo);
    }
}
