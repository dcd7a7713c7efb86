package org.jxapi.storage.api;

/** The health of an SR as its driver reports it (the original's {@code sr_health}). */
public enum SrHealth {
    HEALTHY,
    RECOVERING,
    UNREACHABLE,
    UNAVAILABLE
}
