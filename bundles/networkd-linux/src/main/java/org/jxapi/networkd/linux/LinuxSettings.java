package org.jxapi.networkd.linux;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a Linux backend instance is configured with: its network namespace (empty: the host's), the
 * interfaces it must never change ({@code networkd.protected-interfaces}; blank: those carrying the
 * root namespace's default routes), the resolv.conf it may write (blank: none, so {@code set_dns}
 * fails), its state directory (DHCP client pid files, bridge state), the DHCP client and the time a
 * tool may take.
 */
public record LinuxSettings(String netns, String protectedInterfaces, String resolvConf, Path stateDir,
        String dhclient, Duration commandTimeout) {
    public LinuxSettings {
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

    public NetnsRunner runner() {
        return new NetnsRunner(netns, commandTimeout);
    }
}
