package org.jxapi.networkd.linux.ipjson;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code ip -d -j link show}: the fields networkd reads, the rest ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpLink(
        @JsonProperty("ifname") String name,
        @JsonProperty("address") String mac,
        @JsonProperty("flags") List<String> flags,
        @JsonProperty("mtu") int mtu,
        @JsonProperty("operstate") String operstate,
        @JsonProperty("master") String master,
        @JsonProperty("ifalias") String alias,
        @JsonProperty("parentbus") String parentBus,
        @JsonProperty("parentdev") String parentDev,
        @JsonProperty("linkinfo") IpLinkInfo linkInfo) {
    public IpLink {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** Administratively up ({@code ip link set up}). */
    public boolean up() {
        return flags.contains("UP");
    }

    /** The lower layer has a carrier. */
    public boolean lowerUp() {
        return flags.contains("LOWER_UP");
    }

    /** {@code bridge}, {@code veth}, {@code vxlan}, ...; null for a plain device (lo, a NIC). */
    public String kind() {
        return linkInfo == null ? null : linkInfo.kind();
    }

    /** What the device is as a port of its master ({@code bridge}, {@code bond}); null if it has none. */
    public String slaveKind() {
        return linkInfo == null ? null : linkInfo.slaveKind();
    }
}
