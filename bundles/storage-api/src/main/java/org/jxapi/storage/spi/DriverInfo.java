package org.jxapi.storage.spi;

import java.util.List;
import java.util.Set;

import org.jxapi.storage.api.SmapiVersion;

/**
 * What a driver says about itself: the fields of the XenAPI SM object. {@code extraFeatures}
 * holds feature strings outside {@link Capability} (SMAPIv3 plugins may declare their own);
 * {@code smapiVersion} says which generation of drivers it fronts (Java drivers are SMAPIv2).
 */
public record DriverInfo(
        String name,
        String description,
        String vendor,
        String copyright,
        String version,
        String requiredApiVersion,
        Set<Capability> capabilities,
        List<ConfigKey> configuration,
        List<String> extraFeatures,
        SmapiVersion smapiVersion) {

    public DriverInfo {
        capabilities = Set.copyOf(capabilities);
        configuration = List.copyOf(configuration);
        extraFeatures = extraFeatures == null ? List.of() : List.copyOf(extraFeatures);
        smapiVersion = smapiVersion == null ? SmapiVersion.SMAPIV2 : smapiVersion;
    }

    /** A Java driver's description: API version 1.0, no extra features, SMAPIv2. */
    public DriverInfo(String name, String description, String vendor, String copyright, String version,
            Set<Capability> capabilities, List<ConfigKey> configuration) {
        this(name, description, vendor, copyright, version, "1.0", capabilities, configuration, List.of(),
                SmapiVersion.SMAPIV2);
    }

    public boolean has(Capability c) {
        return capabilities.contains(c);
    }
}
