package org.jxapi.xenops.spi;

import java.util.List;
import java.util.Map;

import org.jxapi.xenops.api.Host;
import org.osgi.annotation.versioning.ConsumerType;

/** The original's {@code module HOST}: what the backend says of the machine it runs on. */
@ConsumerType
public interface HostBackend {
    default Host stat() {
        return Host.unknown();
    }

    default String getConsoleData() {
        return "";
    }

    default long getTotalMemoryMib() {
        return 0;
    }

    default void sendDebugKeys(String keys) {
    }

    default void updateGuestAgentFeatures(List<Map<String, String>> features) {
    }

    default String combineCpuPolicies(String policy1, String policy2) {
        return "";
    }

    default boolean isCompatible(String vmPolicy, String hostPolicy) {
        return false;
    }
}
