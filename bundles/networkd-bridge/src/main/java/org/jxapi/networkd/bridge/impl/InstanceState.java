package org.jxapi.networkd.bridge.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jxapi.common.io.AtomicFile;
import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What Linux has no place for, kept in {@code bridge-state.json} under the instance's directory:
 * a bridge's {@code other_config}, the names of its ports (a port named otherwise than its interface,
 * a bond's members), and which bridge ports are guests' (VIFs) with their vif id, MAC, locking and
 * rate. Written whole with AtomicFile after each change; read once at start.
 */
final class InstanceState {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bridge(@JsonProperty("other_config") Map<String, String> otherConfig,
            @JsonProperty("ports") Map<String, List<String>> ports) {
        Bridge {
            otherConfig = otherConfig == null ? Map.of() : Map.copyOf(otherConfig);
            ports = ports == null ? Map.of() : Map.copyOf(ports);
        }

        static final Bridge EMPTY = new Bridge(Map.of(), Map.of());

        Bridge withOtherConfig(Map<String, String> oc) {
            return new Bridge(oc, ports);
        }

        Bridge withPort(String port, List<String> interfaces) {
            Map<String, List<String>> p = new LinkedHashMap<>(ports);
            p.put(port, List.copyOf(interfaces));
            return new Bridge(otherConfig, p);
        }

        Bridge withoutPort(String port) {
            Map<String, List<String>> p = new LinkedHashMap<>(ports);
            p.remove(port);
            return new Bridge(otherConfig, p);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Vif(@JsonProperty("bridge") String bridge, @JsonProperty("vif_id") String vifId,
            @JsonProperty("mac") String mac, @JsonProperty("locking") String locking,
            @JsonProperty("ipv4_allowed") List<String> ipv4Allowed,
            @JsonProperty("ipv6_allowed") List<String> ipv6Allowed, @JsonProperty("rate_kbps") long rateKbps) {
        Vif {
            ipv4Allowed = ipv4Allowed == null ? List.of() : List.copyOf(ipv4Allowed);
            ipv6Allowed = ipv6Allowed == null ? List.of() : List.copyOf(ipv6Allowed);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(@JsonProperty("bridges") Map<String, Bridge> bridges, @JsonProperty("vifs") Map<String, Vif> vifs) {
        Content {
            bridges = bridges == null ? Map.of() : Map.copyOf(bridges);
            vifs = vifs == null ? Map.of() : Map.copyOf(vifs);
        }
    }

    private final Path file;
    private Content content;

    InstanceState(Path dir) {
        this.file = dir.resolve("bridge-state.json");
        try {
            Files.createDirectories(dir);
            content = Files.isRegularFile(file) ? MAPPER.readValue(file.toFile(), Content.class)
                    : new Content(Map.of(), Map.of());
        } catch (IOException e) {
            throw NetworkdException.of(NetworkdErrorCode.READ_ERROR, file.toString());
        }
    }

    synchronized Bridge bridge(String name) {
        return content.bridges().getOrDefault(name, Bridge.EMPTY);
    }

    synchronized Map<String, Vif> vifs() {
        return content.vifs();
    }

    synchronized Vif vif(String device) {
        return content.vifs().get(device);
    }

    synchronized void updateBridge(String name, UnaryOperator<Bridge> change) {
        Map<String, Bridge> b = new LinkedHashMap<>(content.bridges());
        Bridge next = change.apply(b.getOrDefault(name, Bridge.EMPTY));
        if (next == null) {
            b.remove(name);
        } else {
            b.put(name, next);
        }
        save(new Content(b, content.vifs()));
    }

    synchronized void putVif(String device, Vif vif) {
        Map<String, Vif> v = new LinkedHashMap<>(content.vifs());
        if (vif == null) {
            v.remove(device);
        } else {
            v.put(device, vif);
        }
        save(new Content(content.bridges(), v));
    }

    private void save(Content next) {
        if (next.equals(content)) {
            return;
        }
        try {
            AtomicFile.writeString(file, MAPPER.writeValueAsString(next), AtomicFile.Sync.DATA);
        } catch (IOException e) {
            throw NetworkdException.of(NetworkdErrorCode.WRITE_ERROR, file.toString());
        }
        content = next;
    }
}
