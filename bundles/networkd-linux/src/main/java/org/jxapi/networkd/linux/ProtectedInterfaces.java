package org.jxapi.networkd.linux;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.linux.ipjson.IpRoute;

/**
 * The interfaces a backend must not change. A machine's own uplink carries its address and its way to
 * everything else (the registry, the administrator's session): changing it by mistake cuts the machine
 * off. So unless configured otherwise, the interfaces of the root namespace's default routes are
 * protected (found read-only, once, at activation), and so is the host's {@code lo}; an administrator
 * who wants networkd to manage the uplink lists the protected ones explicitly ({@code none}: none).
 */
public final class ProtectedInterfaces {
    private final Set<String> names;

    private ProtectedInterfaces(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** From the configured list (comma or blank separated), or detected when it is blank. */
    public static ProtectedInterfaces of(String configured, NetnsRunner runner) {
        Set<String> names = new TreeSet<>();
        String c = configured == null ? "" : configured.strip();
        if (c.equalsIgnoreCase("none")) {
            return new ProtectedInterfaces(names);
        }
        if (!c.isEmpty()) {
            Arrays.stream(c.split("[,\\s]+")).filter(s -> !s.isEmpty()).forEach(names::add);
        } else {
            // Always the ROOT namespace's routes: they are what must survive, whatever namespace we manage.
            IpCommand root = new IpCommand(new NetnsRunner("", java.time.Duration.ofSeconds(10)));
            for (String family : new String[] {"-4", "-6"}) {
                for (IpRoute r : root.defaultRoutes(family, null)) {
                    if (r.device() != null) {
                        names.add(r.device());
                    }
                }
            }
        }
        if (runner.inHost()) {
            names.add("lo");
        }
        return new ProtectedInterfaces(names);
    }

    public Set<String> names() {
        return names;
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    /** Fails with {@code Interface_protected [name]} when the interface is protected. */
    public void check(String name) {
        if (names.contains(name)) {
            throw NetworkdException.of(NetworkdErrorCode.INTERFACE_PROTECTED, name);
        }
    }
}
