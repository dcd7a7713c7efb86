package org.jxapi.networkd.api;

import java.util.List;

/** How an interface gets its IPv4 addresses: the original's {@code ipv4} (None4, DHCP4, Static4). */
public sealed interface Ipv4Conf {
    /** No IPv4 address is configured (existing ones are removed). */
    record None() implements Ipv4Conf {
    }

    /** A DHCP client keeps the address. */
    record Dhcp() implements Ipv4Conf {
    }

    /** These addresses, exactly. */
    record Static(List<Address> addresses) implements Ipv4Conf {
        public Static {
            addresses = List.copyOf(addresses);
        }
    }

    Ipv4Conf NONE = new None();
    Ipv4Conf DHCP = new Dhcp();

    static Ipv4Conf of(Address... addresses) {
        return new Static(List.of(addresses));
    }
}
