package org.jxapi.networkd.linux.ipjson;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code ip -j route show}: {@code dst} is {@code default} or a prefix. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpRoute(@JsonProperty("dst") String destination, @JsonProperty("gateway") String gateway,
        @JsonProperty("dev") String device) {
}
