package org.jxapi.xenops.server.impl;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.jxapi.common.net.UnixSocketPath;
import org.jxapi.xenops.api.Xenops;
import org.jxapi.xenops.spi.XenopsBackend;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.jxapi.xenops.hooks.LifecycleHook;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A xenops instance made from a factory configuration {@code org.jxapi.xenops.instance~<name>}:
 * its engine over the backend that {@code backend.target} selects, the {@link Xenops} service
 * registered with {@code xenops.queue=<queue>}, and the JSON-RPC interface on its Unix socket.
 * A configuration change restarts the instance (queued work is lost, metadata is not, and the
 * restart checks every VM); the pool size changes without a restart through
 * {@code HOST.set_worker_pool_size}.
 */
@Component(configurationPid = "org.jxapi.xenops.instance", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = XenopsInstanceConfig.class, factory = true)
public class XenopsInstance {
    private static final Logger LOG = LoggerFactory.getLogger(XenopsInstance.class);
    public static final String QUEUE_PROPERTY = "xenops.queue";

    /** Hook services come and go while the instance runs; the engine reads this list at each hook point. */
    private final HookServices hookServices = new HookServices();
    private final Engine engine;
    private final XenopsService service;
    private final RpcServer rpc;
    private final ServiceRegistration<Xenops> registration;

    @Activate
    public XenopsInstance(BundleContext context, XenopsInstanceConfig config, Map<String, Object> properties,
            @Reference(name = "backend") XenopsBackend backend) throws Exception {
        String name = instanceName(properties, config.queue());
        Path base = dataRoot().resolve("jxapi").resolve("xenops");
        Path data = config.data_dir().isBlank() ? base.resolve(name) : Path.of(config.data_dir());
        Path socket = socketPath(config.socket_path().isBlank() ? base.resolve(name + ".sock")
                : Path.of(config.socket_path()));
        this.engine = new Engine(new Engine.Settings(config.queue(), data, config.worker_pool_size(),
                hooksRoot(config.hooks_root()), config.minimum_reboot_delay(), config.metadata_fsync(),
                config.shutdown_ack_timeout()), backend, hookServices);
        this.service = new XenopsService(engine);
        this.rpc = new RpcServer(socket, new XenopsRpcDispatcher(service));
        engine.start();
        try {
            rpc.start();
        } catch (Exception e) {
            engine.stop();
            throw e;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(QUEUE_PROPERTY, config.queue());
        props.put("xenops.socket", socket.toString());
        this.registration = context.registerService(Xenops.class, service, props);
        LOG.info("xenops instance {} serving {} on {} (data in {})", name, config.queue(), socket, data);
    }

    @Reference(service = LifecycleHook.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeHook")
    void addHook(LifecycleHook hook, Map<String, Object> properties) {
        hookServices.add(hook, properties);
    }

    void removeHook(LifecycleHook hook) {
        hookServices.remove(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // the framework already did
        }
        rpc.stop();
        engine.stop();
    }

    Xenops service() {
        return service;
    }

    Path socket() {
        return rpc.socket();
    }

    /** The part after {@code ~} in a factory configuration's PID, else the queue's last segment. */
    static String instanceName(Map<String, Object> properties, String queue) {
        Object pid = properties.get("service.pid");
        if (pid instanceof String s && s.contains("~")) {
            return s.substring(s.lastIndexOf('~') + 1);
        }
        Object factoryName = properties.get(".name");
        if (factoryName instanceof String s && !s.isBlank()) {
            return s;
        }
        int dot = queue.lastIndexOf('.');
        return dot < 0 ? queue : queue.substring(dot + 1);
    }

    /** The configured hook root; by default the distribution's own (etc/xapi.d), or the original's /etc/xapi.d. */
    static Path hooksRoot(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String etc = System.getProperty("karaf.etc");
        return etc != null ? Path.of(etc, "xapi.d") : Path.of("/etc/xapi.d");
    }

    static Path dataRoot() {
        String karafData = System.getProperty("karaf.data");
        return Path.of(karafData != null ? karafData : System.getProperty("java.io.tmpdir"));
    }

    /** The path itself if it fits a socket address, else a short stand-in under /tmp named after it. */
    static Path socketPath(Path wanted) {
        Path usable = UnixSocketPath.orShortUnderTmp(wanted, "jxapi-xenops-");
        if (!usable.equals(wanted.toAbsolutePath())) {
            LoggerFactory.getLogger(XenopsInstance.class).warn("socket path {} is longer than {} bytes; using {}",
                    wanted.toAbsolutePath(), UnixSocketPath.MAX_BYTES, usable);
        }
        return usable;
    }
}
