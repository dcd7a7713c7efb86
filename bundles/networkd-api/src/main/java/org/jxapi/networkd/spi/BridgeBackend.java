package org.jxapi.networkd.spi;

import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.Vlan;
import org.osgi.annotation.versioning.ConsumerType;

/** Virtual switches: bridges made of ports, a port made of interfaces (a bond when several) or a tunnel. */
@ConsumerType
public interface BridgeBackend {
    default List<String> list() {
        return List.of();
    }

    /** The bridge as the system has it, null if there is none. */
    default BridgeState state(String name) {
        return null;
    }

    /**
     * Creates the bridge, or brings an existing one's MAC, IGMP snooping and other_config to these.
     * A {@code vlan} makes it a fake bridge of the parent with that tag; a backend whose kernel has no
     * VLANs fails with {@code Kernel_feature_missing}.
     */
    default void create(String name, Vlan vlan, String mac, Boolean igmpSnooping, Map<String, String> otherConfig) {
        throw NetworkdException.notImplemented("Bridge.create");
    }

    default void destroy(String name, boolean force) {
        throw NetworkdException.notImplemented("Bridge.destroy");
    }

    /** Adds the port, or replaces a port of that name that differs. */
    default void addPort(String bridge, String port, PortConfig config) {
        throw NetworkdException.notImplemented("Bridge.add_port");
    }

    default void removePort(String bridge, String port) {
        throw NetworkdException.notImplemented("Bridge.remove_port");
    }

    /** Every interface on the bridge: bond members, plain ports, VIFs. */
    default List<String> interfaces(String bridge) {
        return List.of();
    }

    /** The bridge's physical NICs (a fake bridge's are its parent's). */
    default List<String> physicalInterfaces(String bridge) {
        return List.of();
    }
}
