package org.jxapi.xenops.api;

import java.util.List;

/**
 * A VIF's IPv4 or IPv6 configuration as told to the guest agent: unspecified, static (CIDRs and an
 * optional gateway) or automatic (DHCP for IPv4, autoconf for IPv6).
 */
public record IpConfiguration(Kind kind, List<String> addresses, String gateway) {
    public enum Kind { UNSPECIFIED, STATIC, AUTOMATIC }

    public IpConfiguration {
        addresses = Copies.list(addresses);
    }

    public static IpConfiguration unspecified() {
        return new IpConfiguration(Kind.UNSPECIFIED, List.of(), null);
    }
}
