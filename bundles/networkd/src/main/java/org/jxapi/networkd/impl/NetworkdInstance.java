package org.jxapi.networkd.impl;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.jxapi.common.net.UnixSocketPath;
import org.jxapi.common.rpc.RpcDispatcher;
import org.jxapi.common.rpc.UnixRpcServer;
import org.jxapi.networkd.api.Networkd;
import org.jxapi.networkd.spi.NetworkBackend;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A networkd instance made from a factory configuration {@code org.jxapi.networkd~<name>}: its engine
 * over the backend {@code backend.target} selects, replayed from networkd.db before the
 * {@link Networkd} service is registered with {@code networkd.instance=<name>} and its JSON-RPC
 * interface is served on its Unix socket, so that no caller sees it half restored.
 */
@Component(configurationPid = "org.jxapi.networkd", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = NetworkdConfig.class, factory = true)
public class NetworkdInstance {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkdInstance.class);
    public static final String INSTANCE_PROPERTY = "networkd.instance";

    private final NetworkdService service;
    private final UnixRpcServer rpc;
    private final ServiceRegistration<Networkd> registration;

    @Activate
    public NetworkdInstance(BundleContext context, NetworkdConfig config, Map<String, Object> properties,
            @Reference(name = "backend", service = NetworkBackend.class)
            Map.Entry<Map<String, Object>, NetworkBackend> backend) throws Exception {
        String name = instanceName(properties, config.instance());
        Path db = config.db_path().isBlank() ? dataRoot().resolve("networkd").resolve(name).resolve("networkd.db")
                : Path.of(config.db_path());
        Object backendName = backend.getKey().get("networkd.backend");
        this.service = new NetworkdService(name, backendName == null ? "unknown" : backendName.toString(),
                backend.getValue(), new ConfigStore(db), ProtectedInterfaces.of(config.protected_interfaces(),
                        config.netns()));
        service.start();
        Path socket = socketPath(config.socket_path().isBlank()
                ? dataRoot().resolve("networkd").resolve(name).resolve("networkd.sock") : Path.of(config.socket_path()));
        this.rpc = new UnixRpcServer(socket, new RpcDispatcher(NetworkdRpc.CALLS, NetworkdRpc.serving(service),
                NetworkdRpc.ERRORS), "networkd-rpc");
        rpc.start();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(INSTANCE_PROPERTY, name);
        props.put("networkd.netns", config.netns());
        props.put("networkd.db", db.toAbsolutePath().toString());
        props.put("networkd.socket", socket.toString());
        try {
            this.registration = context.registerService(Networkd.class, service, props);
        } catch (RuntimeException e) {
            rpc.stop();
            throw e;
        }
        LOG.info("networkd instance {} over backend {} on {} (db {}, netns '{}')", name, backendName, socket, db,
                config.netns());
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // the framework already did
        }
        rpc.stop();
    }

    Path socket() {
        return rpc.socket();
    }

    /** The path itself if it fits a socket address, else a short stand-in under /tmp named after it. */
    static Path socketPath(Path wanted) {
        Path usable = UnixSocketPath.orShortUnderTmp(wanted, "jxapi-networkd-");
        if (!usable.equals(wanted.toAbsolutePath())) {
            LOG.warn("socket path {} is longer than {} bytes; using {}", wanted.toAbsolutePath(),
                    UnixSocketPath.MAX_BYTES, usable);
        }
        return usable;
    }

    NetworkdService service() {
        return service;
    }

    /** The configured name if set explicitly, else the part after {@code ~} in the factory PID, else the default. */
    static String instanceName(Map<String, Object> properties, String configured) {
        if (properties.get("instance") instanceof String s && !s.isBlank()) {
            return s;
        }
        if (properties.get("service.pid") instanceof String pid && pid.contains("~")) {
            return pid.substring(pid.lastIndexOf('~') + 1);
        }
        return configured;
    }

    static Path dataRoot() {
        String karafData = System.getProperty("karaf.data");
        return Path.of(karafData != null ? karafData : System.getProperty("java.io.tmpdir"));
    }
}
