package org.jxapi.networkd.impl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.NetworkConfig;
import org.jxapi.networkd.api.PortConfig;

/**
 * What networkd remembers (the original's {@code config}), updated by each change it acknowledges
 * and written to networkd.db before the call returns. Only the engine's lock holder touches it.
 */
final class RememberedConfig {
    private final ConfigStore store;
    private NetworkConfig config;
    private boolean batching;
    private boolean dirty;

    RememberedConfig(ConfigStore store, NetworkConfig initial) {
        this.store = store;
        this.config = initial;
    }

    NetworkConfig get() {
        return config;
    }

    InterfaceConfig interfaceOrDefault(String name) {
        return config.interfaces().getOrDefault(name, InterfaceConfig.DEFAULT);
    }

    BridgeConfig bridgeOrDefault(String name) {
        return config.bridges().getOrDefault(name, BridgeConfig.DEFAULT);
    }

    void putInterface(String name, InterfaceConfig c) {
        Map<String, InterfaceConfig> ifs = new LinkedHashMap<>(config.interfaces());
        ifs.put(name, c);
        write(new NetworkConfig(ifs, config.bridges(), config.gatewayInterface(), config.dnsInterface()));
    }

    void updateInterface(String name, UnaryOperator<InterfaceConfig> change) {
        putInterface(name, change.apply(interfaceOrDefault(name)));
    }

    void putBridge(String name, BridgeConfig c) {
        Map<String, BridgeConfig> brs = new LinkedHashMap<>(config.bridges());
        brs.put(name, c);
        write(new NetworkConfig(config.interfaces(), brs, config.gatewayInterface(), config.dnsInterface()));
    }

    void updateBridge(String name, UnaryOperator<BridgeConfig> change) {
        putBridge(name, change.apply(bridgeOrDefault(name)));
    }

    void removeBridge(String name) {
        if (!config.bridges().containsKey(name)) {
            return;
        }
        Map<String, BridgeConfig> brs = new LinkedHashMap<>(config.bridges());
        brs.remove(name);
        write(new NetworkConfig(config.interfaces(), brs, config.gatewayInterface(), config.dnsInterface()));
    }

    void putPort(String bridge, String port, PortConfig c) {
        updateBridge(bridge, b -> {
            Map<String, PortConfig> ports = new LinkedHashMap<>(b.ports());
            ports.put(port, c);
            return new BridgeConfig(ports, b.vlan(), b.bridgeMac(), b.igmpSnooping(), b.otherConfig(), b.persistent());
        });
    }

    void removePort(String bridge, String port) {
        BridgeConfig b = config.bridges().get(bridge);
        if (b == null || !b.ports().containsKey(port)) {
            return;
        }
        Map<String, PortConfig> ports = new LinkedHashMap<>(b.ports());
        ports.remove(port);
        putBridge(bridge, new BridgeConfig(ports, b.vlan(), b.bridgeMac(), b.igmpSnooping(), b.otherConfig(),
                b.persistent()));
    }

    void setGatewayInterface(String name) {
        write(new NetworkConfig(config.interfaces(), config.bridges(), name, config.dnsInterface()));
    }

    void setDnsInterface(String name) {
        write(new NetworkConfig(config.interfaces(), config.bridges(), config.gatewayInterface(), name));
    }

    /** Forgets everything in memory; the file keeps its content until the next write. */
    void clear() {
        config = NetworkConfig.EMPTY;
    }

    void reset() {
        write(NetworkConfig.EMPTY);
    }

    /**
     * Runs the updates of one call (a make_config's many entries) and writes networkd.db once at the
     * end, when something changed, even if the call failed part-way (what was applied is remembered).
     */
    void batch(Runnable updates) {
        batching = true;
        try {
            updates.run();
        } finally {
            batching = false;
            if (dirty) {
                dirty = false;
                store.save(config);
            }
        }
    }

    /** A write that changes nothing costs nothing: no fsync for an idempotent call. */
    private void write(NetworkConfig next) {
        if (next.equals(config)) {
            return;
        }
        if (batching) {
            config = next;
            dirty = true;
            return;
        }
        store.save(next);
        config = next;
    }
}
