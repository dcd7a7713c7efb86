package org.jxapi.networkd.spi;

import java.util.List;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.Link;

/**
 * An interface as the system has it now. {@code dhcp4}: a DHCP client keeps its IPv4 address;
 * {@code pciBusPath} is empty for virtual devices; gateways are null when there is none.
 */
public record InterfaceState(String name, String mac, boolean up, int mtu, List<Address> ipv4, String ipv4Gateway,
        boolean dhcp4, List<Address> ipv6, String ipv6Gateway, boolean physical, String pciBusPath, Link link) {
    public InterfaceState {
        ipv4 = ipv4 == null ? List.of() : List.copyOf(ipv4);
        ipv6 = ipv6 == null ? List.of() : List.copyOf(ipv6);
        pciBusPath = pciBusPath == null ? "" : pciBusPath;
    }
}
