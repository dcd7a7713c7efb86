package org.jxapi.networkd.ovs.impl;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.jxapi.networkd.api.NetworkdErrorCode;
import org.jxapi.networkd.api.NetworkdException;

/**
 * Interfaces the backend must never put on a bridge or rename: the configured ones, or, when the
 * backend works in the host's namespace and none are configured, those carrying the host's default
 * routes (read with {@code ip -j route show default}, nothing changed), so that a fresh instance
 * cannot take the machine's own uplink away.
 */
final class ProtectedInterfaces {
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Route(String dev) {
    }

    private static final ObjectReader ROUTES = new ObjectMapper().readerForListOf(Route.class);

    private final Set<String> names;

    ProtectedInterfaces(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    static ProtectedInterfaces of(OvsBackendConfig config, OvsCommands commands) {
        Set<String> names = new LinkedHashSet<>();
        for (String n : config.protected_interfaces().split(",")) {
            if (!n.isBlank()) {
                names.add(n.trim());
            }
        }
        if (names.isEmpty() && commands.netns().isEmpty()) {
            names.addAll(defaultRouteDevices(commands.ip("-j", "-4", "route", "show", "default")));
            names.addAll(defaultRouteDevices(commands.ip("-j", "-6", "route", "show", "default")));
        }
        return new ProtectedInterfaces(names);
    }

    static Set<String> defaultRouteDevices(String ipJson) {
        if (ipJson == null || ipJson.isBlank()) {
            return Set.of();
        }
        try {
            List<Route> routes = ROUTES.readValue(ipJson);
            Set<String> out = new LinkedHashSet<>();
            routes.stream().map(Route::dev).filter(d -> d != null && !d.isEmpty()).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw NetworkdException.internal("cannot read ip -j route output: " + e.getMessage(), e);
        }
    }

    Set<String> names() {
        return names;
    }

    void check(String name) {
        if (names.contains(name)) {
            throw NetworkdException.of(NetworkdErrorCode.INTERFACE_PROTECTED, name);
        }
    }
}
