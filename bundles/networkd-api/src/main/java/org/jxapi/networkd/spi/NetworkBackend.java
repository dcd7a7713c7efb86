package org.jxapi.networkd.spi;

import org.jxapi.networkd.api.Kind;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A networkd backend, grouped by object. A part is asked for on every call, so return the same
 * object each time. Backends register as {@code @Backend("<name>")} ({@code networkd.backend=<name>});
 * an instance's {@code backend.target} selects one. Calls for different objects may run
 * concurrently; the engine serialises changes.
 */
@ConsumerType
public interface NetworkBackend {
    /** What {@code Bridge.get_kind} answers. */
    Kind kind();

    default InterfaceBackend interfaces() {
        return Skeleton.INTERFACES;
    }

    default BridgeBackend bridges() {
        return Skeleton.BRIDGES;
    }

    default VifBackend vifs() {
        return Skeleton.VIFS;
    }

    default SriovBackend sriov() {
        return Skeleton.SRIOV;
    }
}
