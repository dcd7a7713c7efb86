package org.jxapi.networkd.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interfaces networkd must leave alone: "do no harm" on a machine whose own network is set up
 * by something else. {@code default-route} expands to the interfaces of the host's default routes,
 * read (never written) from {@code /proc/net/route} and {@code /proc/net/ipv6_route};
 * {@code addressed} to the interfaces that carry an address networkd did not configure when the
 * instance starts (see {@link #withAddressed}); in the host's namespace {@code lo} is always
 * protected. The expansions are empty when the instance works in a namespace of its own, whose
 * interfaces are not the machine's.
 */
final class ProtectedInterfaces {
    static final String DEFAULT_ROUTE = "default-route";
    static final String ADDRESSED = "addressed";
    private static final Logger LOG = LoggerFactory.getLogger(ProtectedInterfaces.class);

    private final Set<String> names;
    private final boolean dnsProtected;
    private final boolean addressed;

    ProtectedInterfaces(Set<String> names, boolean dnsProtected) {
        this(names, dnsProtected, false);
    }

    private ProtectedInterfaces(Set<String> names, boolean dnsProtected, boolean addressed) {
        this.names = Set.copyOf(names);
        this.dnsProtected = dnsProtected;
        this.addressed = addressed;
    }

    static ProtectedInterfaces none() {
        return new ProtectedInterfaces(Set.of(), false);
    }

    /** Whether {@code addressed} is to be expanded (it was asked for, in the host's namespace). */
    boolean wantsAddressed() {
        return addressed;
    }

    /** These and the interfaces found carrying addresses networkd did not configure. */
    ProtectedInterfaces withAddressed(Set<String> found) {
        Set<String> all = new LinkedHashSet<>(names);
        all.addAll(found);
        return new ProtectedInterfaces(all, dnsProtected || !found.isEmpty(), false);
    }

    static ProtectedInterfaces of(String spec, String netns) {
        return of(spec, netns, Path.of("/proc/net"));
    }

    static ProtectedInterfaces of(String spec, String netns, Path procNet) {
        boolean host = netns == null || netns.isBlank();
        Set<String> names = new LinkedHashSet<>();
        boolean addressed = false;
        for (String token : spec == null ? new String[0] : spec.split("[,\\s]+")) {
            if (token.isBlank()) {
                continue;
            }
            if (token.equals(DEFAULT_ROUTE)) {
                if (host) {
                    names.addAll(defaultRouteInterfaces(procNet));
                }
            } else if (token.equals(ADDRESSED)) {
                addressed = host;
            } else {
                names.add(token);
            }
        }
        if (host) {
            names.add("lo");
        }
        return new ProtectedInterfaces(names, host && names.size() > 1, addressed);
    }

    Set<String> names() {
        return names;
    }

    boolean isProtected(String name) {
        return name != null && names.contains(name);
    }

    /** Fails with {@code Interface_protected} if any of the names is protected. */
    void check(String... interfaces) {
        for (String name : interfaces) {
            if (isProtected(name)) {
                throw NetworkdException.of(NetworkdErrorCode.INTERFACE_PROTECTED, name);
            }
        }
    }

    void check(List<String> interfaces) {
        check(interfaces.toArray(String[]::new));
    }

    /** resolv.conf belongs to whoever set up the protected interfaces. */
    void checkDns() {
        if (dnsProtected) {
            throw NetworkdException.of(NetworkdErrorCode.INTERFACE_PROTECTED, "resolv.conf");
        }
    }

    static Set<String> defaultRouteInterfaces(Path procNet) {
        Set<String> found = new LinkedHashSet<>();
        try {
            List<String> v4 = Files.readAllLines(procNet.resolve("route"));
            for (String line : v4.subList(Math.min(1, v4.size()), v4.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000")) {
                    found.add(f[0]);
                }
            }
        } catch (IOException e) {
            LOG.debug("no IPv4 routes to read: {}", e.toString());
        }
        try {
            for (String line : Files.readAllLines(procNet.resolve("ipv6_route"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 10 && f[0].matches("0{32}") && f[1].equals("00") && !f[9].equals("lo")) {
                    found.add(f[9]);
                }
            }
        } catch (IOException e) {
            LOG.debug("no IPv6 routes to read: {}", e.toString());
        }
        return found;
    }
}
