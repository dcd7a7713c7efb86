package org.jxapi.networkd.api;

import java.util.Objects;

/**
 * A tunnel port's far end (jxapi's addition to {@code port_config_t}: the original leaves tunnels to
 * the vSwitch controller). {@code key} is the VXLAN VNI or GRE key, null for none.
 */
public record Tunnel(Protocol protocol, String remoteIp, String key) {
    public enum Protocol {
        GRE("gre"), VXLAN("vxlan");

        private final String wireName;

        Protocol(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Protocol of(String wireName) {
            for (Protocol p : values()) {
                if (p.wireName.equalsIgnoreCase(wireName)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown tunnel protocol: " + wireName);
        }
    }

    public Tunnel {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(remoteIp, "remoteIp");
    }
}
