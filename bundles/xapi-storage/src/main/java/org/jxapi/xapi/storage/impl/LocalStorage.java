package org.jxapi.xapi.storage.impl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.jxapi.api.LocalXenApi;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.Session;
import org.jxapi.xenapi.model.types.Sm;
import org.jxapi.xenapi.model.types.Sr;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a fresh host its local SR, as the original's installer does, and makes it the pool's
 * default SR, so that {@code vm-install} from a template finds somewhere for the disks. It goes
 * through the XenAPI as root, once the SR type's driver has appeared; a host that already has
 * its local SR (marked {@code other_config:jxapi-local=true}) is left as it is.
 */
@Component(configurationPid = "org.jxapi.xapi.storage.local", immediate = true)
@Designate(ocd = LocalStorageConfig.class)
public class LocalStorage {
    static final String MARK = "jxapi-local";
    private static final Logger LOG = LoggerFactory.getLogger(LocalStorage.class);

    private final Thread worker;

    @Activate
    public LocalStorage(@Reference LocalXenApi api, LocalStorageConfig config) {
        Path dir = config.path().isBlank() ? dataRoot().resolve("jxapi").resolve("sr").resolve("local")
                : Path.of(config.path());
        worker = new Thread(() -> ensure(api, config, dir), "jxapi-local-storage");
        worker.setDaemon(true);
        if (config.enabled()) {
            worker.start();
        }
    }

    static Path dataRoot() {
        String data = System.getProperty("karaf.data");
        return Path.of(data != null ? data : System.getProperty("java.io.tmpdir"));
    }

    @SuppressWarnings("unchecked")
    private static void ensure(LocalXenApi api, LocalStorageConfig config, Path dir) {
        Ref<Session> s = null;
        try {
            s = api.login("root", "local-storage");
            Map<Ref<Sr>, Sr> srs = (Map<Ref<Sr>, Sr>) api.call("SR.get_all_records", s);
            if (srs.values().stream().anyMatch(sr -> "true".equals(sr.otherConfig().get(MARK)))) {
                return;
            }
            long deadline = System.nanoTime() + config.driver_wait_seconds() * 1_000_000_000L;
            // The host object and the driver both appear as their bundles start; wait for them.
            while (!hasDriver(api, s, config.type()) || ((Set<?>) api.call("host.get_all", s)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("no SR driver of type {} (or no host) within {} s: no local SR made", config.type(),
                            config.driver_wait_seconds());
                    return;
                }
                Thread.sleep(200);
            }
            Ref<?> host = ((Set<Ref<?>>) api.call("host.get_all", s)).iterator().next();
            Ref<?> sr = (Ref<?>) api.call("SR.create", s, host, Map.of("location", dir.toString()), 0L, config.name_label(),
                    "Disks of this host's VMs, under " + dir, config.type(), "user", false, Map.of());
            api.call("SR.add_to_other_config", s, sr, MARK, "true");
            Ref<?> pool = ((Set<Ref<?>>) api.call("pool.get_all", s)).iterator().next();
            if (((Ref<?>) api.call("pool.get_default_SR", s, pool)).isNull()) {
                api.call("pool.set_default_SR", s, pool, sr);
            }
            LOG.info("made the local SR \"{}\" ({}) in {}", config.name_label(), config.type(), dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not make the local SR: {}", e.toString(), e);
        } finally {
            if (s != null) {
                try {
                    api.logout(s);
                } catch (RuntimeException e) {
                    // stopping
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean hasDriver(LocalXenApi api, Ref<Session> s, String type) {
        Map<Ref<Sm>, Sm> sms = (Map<Ref<Sm>, Sm>) api.call("SM.get_all_records", s);
        return sms.values().stream().anyMatch(sm -> sm.type().equals(type));
    }

    @Deactivate
    void deactivate() {
        worker.interrupt();
    }
}
