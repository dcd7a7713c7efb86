package org.jxapi.networkd.impl;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

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
 * {@link Networkd} service is registered with {@code networkd.instance=<name>}, so that no caller sees
 * it half restored.
 */
@Component(configurationPid = "org.jxapi.networkd", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = NetworkdConfig.class, factory = true)
public class NetworkdInstance {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkdInstance.class);
    public static final String INSTANCE_PROPERTY = "networkd.instance";

    private final NetworkdService service;
    private final ServiceRegistration<Networkd> registration;

    @Activate
    public NetworkdInstance(BundleContext context, NetworkdConfig config, Map<String, Object> properties,
            @Reference(name = "backend", service = NetworkBackend.class)
            Map.Entry<Map<String, Object>, NetworkBackend> backend) {
        String name = instanceName(properties, config.instance());
        Path db = config.db_path().isBlank() ? dataRoot().resolve("networkd").resolve(name).resolve("networkd.db")
                : Path.of(config.db_path());
        Object backendName = backend.getKey().get("networkd.backend");
        this.service = new NetworkdService(name, backendName == null ? "unknown" : backendName.toString(),
                backend.getValue(), new ConfigStore(db), ProtectedInterfaces.of(config.protected_interfaces(),
                        config.netns()));
        service.start();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(INSTANCE_PROPERTY, name);
        props.put("networkd.netns", config.netns());
        props.put("networkd.db", db.toAbsolutePath().toString());
        this.registration = context.registerService(Networkd.class, service, props);
        LOG.info("networkd instance {} over backend {} (db {}, netns '{}')", name, backendName, db, config.netns());
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // the framework already did
        }
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
