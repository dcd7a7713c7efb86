package org.jxapi.networkd.linux.ipjson;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code ip -j addr show}: the device and its addresses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpAddress(@JsonProperty("ifname") String name, @JsonProperty("addr_info") List<Info> addresses) {
    public IpAddress {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** One address: {@code family} is {@code inet} or {@code inet6}; {@code dynamic} when a client or RA made it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Info(@JsonProperty("family") String family, @JsonProperty("local") String local,
            @JsonProperty("prefixlen") int prefix, @JsonProperty("scope") String scope,
            @JsonProperty("dynamic") boolean dynamic) {
    }
}
