package org.jxapi.networkd.spi;

import java.util.List;
import java.util.Map;

import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Ipv4Route;
import org.jxapi.networkd.api.Ipv6Conf;
import org.jxapi.networkd.api.NetworkdException;
import org.osgi.annotation.versioning.ConsumerType;

/** Network devices: read their state, change one property per call. */
@ConsumerType
public interface InterfaceBackend {
    /** Every interface's name, bridges' own devices included. */
    default List<String> list() {
        return List.of();
    }

    /** The interface as the system has it, null if there is none. */
    default InterfaceState state(String name) {
        return null;
    }

    default void setUp(String name, boolean up) {
        throw NetworkdException.notImplemented("Interface.set_up");
    }

    default void setMtu(String name, int mtu) {
        throw NetworkdException.notImplemented("Interface.set_mtu");
    }

    /** Makes the IPv4 addresses exactly {@code conf} (starting or stopping a DHCP client) and the gateway. */
    default void setIpv4(String name, Ipv4Conf conf, String gateway) {
        throw NetworkdException.notImplemented("Interface.set_ipv4_conf");
    }

    default void setIpv6(String name, Ipv6Conf conf, String gateway) {
        throw NetworkdException.notImplemented("Interface.set_ipv6_conf");
    }

    default void setIpv4Routes(String name, List<Ipv4Route> routes) {
        throw NetworkdException.notImplemented("Interface.set_ipv4_routes");
    }

    /** The DNS servers and search domains of the host (from {@code dns_interface}). */
    default void setDns(Dns dns) {
        throw NetworkdException.notImplemented("Interface.set_dns");
    }

    default Dns dns() {
        return Dns.NONE;
    }

    default void setEthtool(String name, Map<String, String> settings, Map<String, String> offload) {
        throw NetworkdException.notImplemented("Interface.set_ethtool");
    }

    default List<String> capabilities(String name) {
        return List.of();
    }

    /**
     * The static routes through the interface, as {@link #setIpv4Routes} set them; null when the
     * backend cannot tell, and the engine then sets them whenever some are configured.
     */
    default List<Ipv4Route> ipv4Routes(String name) {
        return null;
    }

    /** The ethtool settings {@link #setEthtool} applied to the interface; null when the backend cannot tell. */
    default Map<String, String> ethtoolSettings(String name) {
        return null;
    }

    /** The offload settings {@link #setEthtool} applied to the interface; null when the backend cannot tell. */
    default Map<String, String> ethtoolOffload(String name) {
        return null;
    }
}
