package org.jxapi.networkd.api;

import java.util.List;

/** Name servers and search domains: the original's {@code (inet_addr list * string list)}. */
public record Dns(List<String> nameservers, List<String> domains) {
    public static final Dns NONE = new Dns(List.of(), List.of());

    public Dns {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }
}
