package org.jxapi.networkd.api;

import java.util.Objects;

/** An IP address with its prefix length, e.g. {@code 192.0.2.10/24}: the original's {@code (inet_addr * int)}. */
public record Address(String address, int prefix) {
    public Address {
        Objects.requireNonNull(address, "address");
        if (prefix < 0 || prefix > 128) {
            throw new IllegalArgumentException("prefix out of range: " + prefix);
        }
    }

    /** Parses {@code a.b.c.d/n} or {@code x::y/n}. */
    public static Address parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected address/prefix, got " + cidr);
        }
        return new Address(cidr.substring(0, slash), Integer.parseInt(cidr.substring(slash + 1)));
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
