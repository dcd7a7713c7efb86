package org.jxapi.networkd.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * What a Linux backend instance is configured with: its network namespace (empty: the host's), the
 * interfaces it must never change ({@code networkd.protected-interfaces}; blank: those carrying the
 * root namespace's default routes), the resolv.conf it may write (blank: none, so {@code set_dns}
 * fails), its state directory (DHCP client pid files, bridge state), the DHCP client, the time a
 * tool may take, and the interfaces to take as physical NICs although they have no device
 * ({@code networkd.physical-interfaces}: veths into the namespace of a test rig or nested host, which
 * can be given no real NIC; blank: only devices with {@code /sys/class/net/X/device}).
 */
public record LinuxSettings(String netns, String protectedInterfaces, String resolvConf, Path stateDir,
        String dhclient, Duration commandTimeout, Set<String> physicalInterfaces) {
    public LinuxSettings(String netns, String protectedInterfaces, String resolvConf, Path stateDir, String dhclient,
            Duration commandTimeout) {
        this(netns, protectedInterfaces, resolvConf, stateDir, dhclient, commandTimeout, Set.of());
    }

    public LinuxSettings {
        physicalInterfaces = physicalInterfaces == null ? Set.of() : Set.copyOf(physicalInterfaces);
        netns = netns == null ? "" : netns.strip();
        protectedInterfaces = protectedInterfaces == null ? "" : protectedInterfaces.strip();
        resolvConf = resolvConf == null ? "" : resolvConf.strip();
        Objects.requireNonNull(stateDir, "stateDir");
        dhclient = dhclient == null || dhclient.isBlank() ? "dhclient" : dhclient.strip();
        commandTimeout = commandTimeout == null ? Duration.ofSeconds(30) : commandTimeout;
    }

    /** Settings for a namespace, everything else at its default. */
    public static LinuxSettings inNamespace(String netns, Path stateDir) {
        return new LinuxSettings(netns, "", "", stateDir, "", null);
    }

    /** The same settings with these interfaces taken as physical NICs. */
    public LinuxSettings withPhysicalInterfaces(Set<String> names) {
        return new LinuxSettings(netns, protectedInterfaces, resolvConf, stateDir, dhclient, commandTimeout, names);
    }

    /** A configured list (comma or blank separated) as a set. */
    public static Set<String> names(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Set.copyOf(Arrays.asList(list.strip().split("[,\\s]+")));
    }

    public NetnsRunner runner() {
        return new NetnsRunner(netns, commandTimeout);
    }
}
