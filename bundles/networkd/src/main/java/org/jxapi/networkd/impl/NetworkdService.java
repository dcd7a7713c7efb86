package org.jxapi.networkd.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jxapi.networkd.api.Address;
import org.jxapi.networkd.api.BridgeConfig;
import org.jxapi.networkd.api.Diagnostics;
import org.jxapi.networkd.api.Dns;
import org.jxapi.networkd.api.InterfaceConfig;
import org.jxapi.networkd.api.Ipv4Conf;
import org.jxapi.networkd.api.Kind;
import org.jxapi.networkd.api.Link;
import org.jxapi.networkd.api.NetworkConfig;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.api.NetworkdException;
import org.jxapi.networkd.api.PortConfig;
import org.jxapi.networkd.api.SriovEnableResult;
import org.jxapi.networkd.api.SriovVfConfig;
import org.jxapi.networkd.api.Tunnel;
import org.jxapi.networkd.api.VifLocking;
import org.jxapi.networkd.api.VifPort;
import org.jxapi.networkd.api.Vlan;
import org.jxapi.networkd.spi.BridgeState;
import org.jxapi.networkd.spi.InterfaceState;
import org.jxapi.networkd.spi.NetworkBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One networkd instance's {@link Networkd}: queries ask the backend, changes are diffed against what
 * the backend reports and applied under one lock, counted, and remembered in networkd.db before they
 * are acknowledged. {@link #start()} replays the persistent part of networkd.db conservatively.
 */
public final class NetworkdService implements Networkd {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkdService.class);

    private final String instance;
    private final String backendName;
    private final GuardedBackend backend;
    private final InterfaceConfigurator interfaces;
    private final BridgeConfigurator bridges;
    private final RememberedConfig remembered;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile int startupChanges;
    private volatile int lastMakeConfigChanges;

    NetworkdService(String instance, String backendName, NetworkBackend backend, ConfigStore store,
            ProtectedInterfaces protection) {
        this.instance = instance;
        this.backendName = backendName;
        this.remembered = new RememberedConfig(store, store.load());
        ProtectedInterfaces p = protection.wantsAddressed()
                ? protection.withAddressed(addressedElsewhere(backend, remembered.get())) : protection;
        if (!p.names().isEmpty()) {
            LOG.info("networkd {}: protected interfaces {}", instance, p.names());
        }
        this.backend = new GuardedBackend(backend, p);
        this.interfaces = new InterfaceConfigurator(this.backend);
        this.bridges = new BridgeConfigurator(this.backend);
    }

    /**
     * The interfaces that carry an IPv4 or a global IPv6 address although networkd.db names neither
     * them nor a bridge of theirs: something else configured them, and networkd leaves them alone.
     */
    static java.util.Set<String> addressedElsewhere(NetworkBackend backend, NetworkConfig remembered) {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        for (String name : backend.interfaces().list()) {
            if (remembered.interfaces().containsKey(name) || remembered.bridges().containsKey(name)) {
                continue;
            }
            InterfaceState s = backend.interfaces().state(name);
            if (s != null && (!s.ipv4().isEmpty() || s.dhcp4()
                    || s.ipv6().stream().anyMatch(a -> !a.address().toLowerCase(java.util.Locale.ROOT).startsWith("fe8")))) {
                found.add(name);
            }
        }
        return found;
    }

    /**
     * An instance outside OSGi (other bundles' tests): over {@code backend}, remembering in {@code db},
     * nothing protected, networkd.db already replayed.
     */
    public static NetworkdService open(String instance, NetworkBackend backend, java.nio.file.Path db) {
        NetworkdService s = new NetworkdService(instance, "test", backend, new ConfigStore(db), ProtectedInterfaces.none());
        s.start();
        return s;
    }

    /**
     * The start-up replay: the persistent bridges (and the parents their VLANs need), then the
     * persistent interfaces, each changed only where the system differs. One that fails is logged and
     * the rest still applied: a missing NIC must not keep the others down.
     */
    void start() {
        lock.lock();
        try {
            NetworkConfig db = remembered.get();
            int before = backend.changes();
            BridgeConfigurator.persistentAndTheirParents(db.bridges(), db.bridges()).forEach((name, c) -> {
                try {
                    bridges.apply(name, c);
                } catch (RuntimeException e) {
                    LOG.warn("networkd {}: bridge {} not restored: {}", instance, name, e.getMessage());
                }
            });
            db.interfaces().forEach((name, c) -> {
                if (c.persistent()) {
                    try {
                        interfaces.apply(name, c, db.gatewayInterface(), db.dnsInterface());
                    } catch (RuntimeException e) {
                        LOG.warn("networkd {}: interface {} not restored: {}", instance, name, e.getMessage());
                    }
                }
            });
            startupChanges = backend.changes() - before;
            LOG.info("networkd {}: replayed networkd.db with {} change(s)", instance, startupChanges);
        } finally {
            lock.unlock();
        }
    }

    /** Change calls made through this instance since it was made: what tests compare with the backend's log. */
    int changesApplied() {
        return backend.changes();
    }

    private <T> T locked(Supplier<T> change) {
        lock.lock();
        try {
            return change.get();
        } catch (RuntimeException e) {
            throw NetworkdException.wrap(e);
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable change) {
        locked(() -> {
            change.run();
            return null;
        });
    }

    private static <T> T query(Supplier<T> q) {
        try {
            return q.get();
        } catch (RuntimeException e) {
            throw NetworkdException.wrap(e);
        }
    }

    private InterfaceState existing(String name) {
        InterfaceState s = backend.interfaces.state(name);
        if (s == null) {
            throw NetworkdException.doesNotExist("interface", name);
        }
        return s;
    }

    @Override
    public String instanceName() {
        return instance;
    }

    @Override
    public Diagnostics getDiagnostics(String dbg) {
        return new Diagnostics(backendName, backend.kind(), startupChanges, lastMakeConfigChanges);
    }

    @Override
    public void clearState(String dbg) {
        locked(remembered::clear);
    }

    @Override
    public void resetState(String dbg) {
        locked(remembered::reset);
    }

    @Override
    public void setGatewayInterface(String dbg, String name) {
        locked(() -> remembered.setGatewayInterface(name));
    }

    @Override
    public void setDnsInterface(String dbg, String name) {
        locked(() -> remembered.setDnsInterface(name));
    }

    // Interface

    @Override
    public List<String> interfaceGetAll(String dbg) {
        return query(backend.interfaces::list);
    }

    @Override
    public boolean interfaceExists(String dbg, String name) {
        return query(() -> backend.interfaces.state(name) != null);
    }

    @Override
    public String interfaceGetMac(String dbg, String name) {
        return query(() -> existing(name).mac());
    }

    @Override
    public String interfaceGetPciBusPath(String dbg, String name) {
        return query(() -> existing(name).pciBusPath());
    }

    @Override
    public boolean interfaceIsUp(String dbg, String name) {
        return query(() -> existing(name).up());
    }

    @Override
    public List<Address> interfaceGetIpv4Addr(String dbg, String name) {
        return query(() -> existing(name).ipv4());
    }

    @Override
    public void interfaceSetIpv4Conf(String dbg, String name, Ipv4Conf conf) {
        locked(() -> {
            InterfaceConfig was = remembered.interfaceOrDefault(name);
            NetworkConfig c = remembered.get();
            String gateway = c.gatewayInterface() == null || c.gatewayInterface().equals(name) ? was.ipv4Gateway() : null;
            interfaces.applyIpv4(name, conf, gateway);
            remembered.putInterface(name, was.withIpv4(conf, was.ipv4Gateway()));
        });
    }

    @Override
    public String interfaceGetIpv4Gateway(String dbg, String name) {
        return query(() -> existing(name).ipv4Gateway());
    }

    @Override
    public List<Address> interfaceGetIpv6Addr(String dbg, String name) {
        return query(() -> existing(name).ipv6());
    }

    @Override
    public Dns interfaceGetDns(String dbg, String name) {
        return query(backend.interfaces::dns);
    }

    @Override
    public int interfaceGetMtu(String dbg, String name) {
        return query(() -> existing(name).mtu());
    }

    @Override
    public List<String> interfaceGetCapabilities(String dbg, String name) {
        return query(() -> {
            existing(name);
            return backend.interfaces.capabilities(name);
        });
    }

    @Override
    public boolean interfaceIsConnected(String dbg, String name) {
        return query(() -> {
            Link l = existing(name).link();
            return l != null && l.carrier();
        });
    }

    @Override
    public boolean interfaceIsPhysical(String dbg, String name) {
        return query(() -> existing(name).physical());
    }

    /** Whether a VLAN bridge with this tag sits on a bridge whose NICs include {@code name}. */
    @Override
    public boolean interfaceHasVlan(String dbg, String name, int vlan) {
        return query(() -> {
            for (String b : backend.bridges.list()) {
                BridgeState s = backend.bridges.state(b);
                if (s != null && s.vlan() != null && s.vlan().tag() == vlan
                        && (s.vlan().parent().equals(name)
                                || backend.bridges.physicalInterfaces(s.vlan().parent()).contains(name))) {
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public void interfaceBringDown(String dbg, String name) {
        locked(() -> {
            if (existing(name).up()) {
                backend.interfaces.setUp(name, false);
            }
        });
    }

    @Override
    public boolean interfaceIsPersistent(String dbg, String name) {
        return remembered.interfaceOrDefault(name).persistent();
    }

    @Override
    public void interfaceSetPersistent(String dbg, String name, boolean value) {
        locked(() -> remembered.updateInterface(name, c -> c.withPersistent(value)));
    }

    @Override
    public Link interfaceGetLink(String dbg, String name) {
        return query(() -> existing(name).link());
    }

    @Override
    public void interfaceMakeConfig(String dbg, boolean conservative, Map<String, InterfaceConfig> config) {
        locked(() -> {
            int before = backend.changes();
            try {
                NetworkConfig c = remembered.get();
                remembered.batch(() -> {
                    for (Map.Entry<String, InterfaceConfig> e : config.entrySet()) {
                        if (conservative && !e.getValue().persistent()) {
                            continue;
                        }
                        interfaces.apply(e.getKey(), e.getValue(), c.gatewayInterface(), c.dnsInterface());
                        remembered.putInterface(e.getKey(), e.getValue());
                    }
                });
            } finally {
                lastMakeConfigChanges = backend.changes() - before;
            }
        });
    }

    // Bridge

    @Override
    public List<String> bridgeGetAll(String dbg) {
        return query(backend.bridges::list);
    }

    @Override
    public void bridgeCreate(String dbg, Vlan vlan, String mac, Boolean igmpSnooping, Map<String, String> otherConfig,
            String name) {
        locked(() -> {
            BridgeConfig was = remembered.bridgeOrDefault(name);
            BridgeConfig want = new BridgeConfig(was.ports(), vlan, mac, igmpSnooping,
                    otherConfig == null ? Map.of() : otherConfig, was.persistent());
            if (!BridgeConfigurator.bridgeMatches(backend.bridges.state(name), want)) {
                backend.bridges.create(name, vlan, mac, igmpSnooping, want.otherConfig());
            }
            remembered.putBridge(name, want);
        });
    }

    @Override
    public void bridgeDestroy(String dbg, boolean force, String name) {
        locked(() -> {
            if (backend.bridges.state(name) != null) {
                backend.bridges.destroy(name, force);
            }
            if (backend.bridges.state(name) == null) {
                remembered.removeBridge(name);
                // A parent takes its VLAN bridges along.
                for (Map.Entry<String, BridgeConfig> e : new LinkedHashMap<>(remembered.get().bridges()).entrySet()) {
                    Vlan v = e.getValue().vlan();
                    if (v != null && v.parent().equals(name) && backend.bridges.state(e.getKey()) == null) {
                        remembered.removeBridge(e.getKey());
                    }
                }
            }
        });
    }

    @Override
    public Kind bridgeGetKind(String dbg) {
        return backend.kind();
    }

    @Override
    public Map<String, List<String>> bridgeGetAllPorts(String dbg, boolean fromCache) {
        return query(() -> ports(fromCache, false));
    }

    @Override
    public Map<String, List<String>> bridgeGetAllBonds(String dbg, boolean fromCache) {
        return query(() -> ports(fromCache, true));
    }

    private Map<String, List<String>> ports(boolean fromCache, boolean bondsOnly) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        Map<String, Map<String, PortConfig>> byBridge = new LinkedHashMap<>();
        if (fromCache) {
            remembered.get().bridges().forEach((b, c) -> byBridge.put(b, c.ports()));
        } else {
            for (String b : backend.bridges.list()) {
                BridgeState s = backend.bridges.state(b);
                if (s != null) {
                    byBridge.put(b, s.ports());
                }
            }
        }
        byBridge.values().forEach(ports -> ports.forEach((name, p) -> {
            if (!bondsOnly || p.isBond()) {
                result.put(name, p.interfaces());
            }
        }));
        return result;
    }

    @Override
    public void bridgeSetPersistent(String dbg, String name, boolean value) {
        locked(() -> remembered.updateBridge(name, c -> c.withPersistent(value)));
    }

    @Override
    public void bridgeAddPort(String dbg, String bondMac, String bridge, String name, List<String> interfaces,
            Map<String, String> bondProperties, Tunnel tunnel) {
        locked(() -> {
            BridgeState s = backend.bridges.state(bridge);
            if (s == null) {
                throw NetworkdException.doesNotExist("bridge", bridge);
            }
            PortConfig want = new PortConfig(interfaces, bondProperties, bondMac, tunnel);
            if (!BridgeConfigurator.portMatches(s.ports().get(name), want)) {
                backend.bridges.addPort(bridge, name, want);
            }
            remembered.putPort(bridge, name, want);
        });
    }

    @Override
    public void bridgeRemovePort(String dbg, String bridge, String name) {
        locked(() -> {
            BridgeState s = backend.bridges.state(bridge);
            if (s == null) {
                throw NetworkdException.doesNotExist("bridge", bridge);
            }
            if (s.ports().containsKey(name)) {
                backend.bridges.removePort(bridge, name, s.ports().get(name));
            }
            remembered.removePort(bridge, name);
        });
    }

    @Override
    public List<String> bridgeGetInterfaces(String dbg, String name) {
        return query(() -> backend.bridges.interfaces(name));
    }

    @Override
    public List<String> bridgeGetPhysicalInterfaces(String dbg, String name) {
        return query(() -> backend.bridges.physicalInterfaces(name));
    }

    @Override
    public void bridgeMakeConfig(String dbg, boolean conservative, Map<String, BridgeConfig> config) {
        locked(() -> {
            int before = backend.changes();
            try {
                Map<String, BridgeConfig> selected = conservative
                        ? BridgeConfigurator.persistentAndTheirParents(config, remembered.get().bridges())
                        : BridgeConfigurator.parentsFirst(config);
                remembered.batch(() -> {
                    for (Map.Entry<String, BridgeConfig> e : selected.entrySet()) {
                        bridges.apply(e.getKey(), e.getValue());
                        remembered.putBridge(e.getKey(), e.getValue());
                    }
                });
            } finally {
                lastMakeConfigChanges = backend.changes() - before;
            }
        });
    }

    // Sriov

    @Override
    public SriovEnableResult sriovEnable(String dbg, String name) {
        return locked(() -> backend.sriov.enable(name));
    }

    @Override
    public void sriovDisable(String dbg, String name) {
        locked(() -> backend.sriov.disable(name));
    }

    @Override
    public void sriovMakeVfConfig(String dbg, String pciAddress, SriovVfConfig vfInfo) {
        locked(() -> backend.sriov.makeVfConfig(pciAddress, vfInfo));
    }

    // Vif

    @Override
    public void vifPlug(String dbg, VifPort port) {
        locked(() -> backend.vifs.plug(port));
    }

    @Override
    public void vifUnplug(String dbg, String bridge, String device) {
        locked(() -> {
            if (backend.vifs.devices(bridge).contains(device)) {
                backend.vifs.unplug(bridge, device);
            }
        });
    }

    @Override
    public void vifSetLocking(String dbg, String bridge, String device, String mac, VifLocking locking) {
        locked(() -> backend.vifs.setLocking(bridge, device, mac, locking));
    }

    @Override
    public void vifMove(String dbg, VifPort port, String fromBridge) {
        locked(() -> {
            if (fromBridge != null && !fromBridge.equals(port.bridge())
                    && backend.vifs.devices(fromBridge).contains(port.device())) {
                backend.vifs.unplug(fromBridge, port.device());
            }
            backend.vifs.plug(port);
        });
    }

    /** For tests: the interfaces the remembered configuration names. */
    List<String> rememberedInterfaces() {
        return new ArrayList<>(remembered.get().interfaces().keySet());
    }
}
