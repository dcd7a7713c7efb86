package org.jxapi.storage.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service the storage layer calls when drivers and SRs come and go and when VDIs
 * change, so that the XenAPI side can keep SM, PBD and VDI objects in step. A listener that
 * arrives late is told of every driver already present. Calls come from the thread that made
 * the change; a listener must not block.
 */
@ConsumerType
public interface StorageListener {

    /** A driver for SR type {@code driver.driver()} is now usable. */
    default void driverArrived(QueryResult driver) {
    }

    /** The driver for {@code srType} went away; its SRs were unplugged before this call. */
    default void driverDeparted(String srType) {
    }

    /** SR {@code sr} was detached because its driver went away, not because it was asked to. */
    default void srUnplugged(String sr, String srType) {
    }

    /** VDI {@code vdi} of SR {@code sr} was created, changed or destroyed: ask VDI.stat. */
    default void vdiChanged(String sr, String vdi) {
    }
}
