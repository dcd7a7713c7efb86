package org.jxapi.networkd.linux.ipjson;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code linkinfo} of {@code ip -d -j link}: the device's kind and its kind-specific data. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpLinkInfo(
        @JsonProperty("info_kind") String kind,
        @JsonProperty("info_data") Map<String, Object> data,
        @JsonProperty("info_slave_kind") String slaveKind) {
    public IpLinkInfo {
        data = data == null ? Map.of() : data;
    }

    /** A field of {@code info_data} as text (numbers as their decimal form), null if absent. */
    public String dataText(String key) {
        Object v = data.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
