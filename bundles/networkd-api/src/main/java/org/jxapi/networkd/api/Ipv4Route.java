package org.jxapi.networkd.api;

/** A static route: {@code subnet/netmask via gateway}, the original's {@code ipv4_route_t}. */
public record Ipv4Route(String subnet, int netmask, String gateway) {
}
