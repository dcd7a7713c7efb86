package org.jxapi.networkd.api;

import java.util.List;

/** How an interface gets its IPv6 addresses: the original's {@code ipv6}. */
public sealed interface Ipv6Conf {
    record None() implements Ipv6Conf {
    }

    record LinkLocal() implements Ipv6Conf {
    }

    record Dhcp() implements Ipv6Conf {
    }

    record Autoconf() implements Ipv6Conf {
    }

    record Static(List<Address> addresses) implements Ipv6Conf {
        public Static {
            addresses = List.copyOf(addresses);
        }
    }

    Ipv6Conf NONE = new None();
    Ipv6Conf LINK_LOCAL = new LinkLocal();
    Ipv6Conf DHCP = new Dhcp();
    Ipv6Conf AUTOCONF = new Autoconf();
}
