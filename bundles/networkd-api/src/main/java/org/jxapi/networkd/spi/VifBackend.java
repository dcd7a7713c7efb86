package org.jxapi.networkd.spi;

import java.util.List;

import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.osgi.annotation.versioning.ConsumerType;

/** Guests' ports: a tap or vif device on a bridge, its MTU, carrier, rate limit and locking rules. */
@ConsumerType
public interface VifBackend {
    /** Puts the device on its bridge with every setting of {@code port}; idempotent. */
    default void plug(VifPort port) {
        throw NetworkdException.notImplemented("Vif.plug");
    }

    /** Takes the device off the bridge and removes its rules; nothing when it is not there. */
    default void unplug(String bridge, String device) {
        throw NetworkdException.notImplemented("Vif.unplug");
    }

    /** Replaces the device's locking rules (unlocked: none; locked: MAC + allowed IPs; disabled: drop all). */
    default void setLocking(String bridge, String device, String mac, VifLocking locking) {
        throw NetworkdException.notImplemented("Vif.set_locking");
    }

    /** The guest devices on the bridge now. */
    default List<String> devices(String bridge) {
        return List.of();
    }
}
