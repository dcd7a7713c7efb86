package org.jxapi.xapi.storage.impl;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jxapi.api.LocalXenApi;
import org.jxapi.db.Database;
import org.jxapi.storage.api.QueryResult;
import org.jxapi.storage.api.StorageListener;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Session;
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
 *
 * <p>Nothing polls. The component is a storage listener (the multiplexer's whiteboard, wired by
 * DS), so the multiplexer itself says when it serves the type: a reference to the
 * {@code SrDriver} service would be bound in no fixed order with the multiplexer's own, and
 * {@code SR.create} could still find no driver. The host object is waited for on the
 * database's generation. One timer gives up after {@code driver.wait.seconds}, with a log line.
 *
 * <p>The one wait that is a retry: the SR messages themselves. SrMessages is bound into the API
 * server's registry in no fixed order with the driver's arrival, and that registry announces nothing,
 * so a first start could get {@code NOT_IMPLEMENTED [SR.create]} and, before this, never made its SR
 * (seen once in CI, ShellIT then found no local SR). Such an answer is tried again every
 * {@link #NOT_SERVED_RETRY_MS} ms until the give-up timer.
 */
@Component(service = StorageListener.class, configurationPid = "org.jxapi.xapi.storage.local", immediate = true)
@Designate(ocd = LocalStorageConfig.class)
public class LocalStorage implements StorageListener {
    static final String MARK = "jxapi-local";
    private static final Logger LOG = LoggerFactory.getLogger(LocalStorage.class);

    static final long NOT_SERVED_RETRY_MS = 250;

    private enum Phase { WAITING, MAKING, DONE }

    private final LocalXenApi api;
    private final Database db;
    private final LocalStorageConfig config;
    private final Path dir;
    private final ScheduledExecutorService work;
    private Phase phase = Phase.WAITING;

    @Activate
    public LocalStorage(@Reference(name = "api") LocalXenApi api, @Reference(name = "database") Database db,
            LocalStorageConfig config) {
        this(api, db, config, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jxapi-local-storage");
            t.setDaemon(true);
            return t;
        }));
    }

    /** With the executor that does the work and keeps the give-up timer (tests pass their own). */
    LocalStorage(LocalXenApi api, Database db, LocalStorageConfig config, ScheduledExecutorService work) {
        this.api = api;
        this.db = db;
        this.config = config;
        this.work = work;
        this.dir = config.path().isBlank() ? dataRoot().resolve("jxapi").resolve("sr").resolve("local")
                : Path.of(config.path());
        if (!config.enabled()) {
            phase = Phase.DONE;
            return;
        }
        work.schedule(this::giveUp, config.driver_wait_seconds(), TimeUnit.SECONDS);
    }

    static Path dataRoot() {
        String data = System.getProperty("karaf.data");
        return Path.of(data != null ? data : System.getProperty("java.io.tmpdir"));
    }

    /** Called by the multiplexer for every driver it serves, including those there before this listener. */
    @Override
    public void driverArrived(QueryResult driver) {
        if (driver.driver().equals(config.type())) {
            // Listener calls only queue work: the storage layer must not wait for the XenAPI.
            retry();
        }
    }

    private void retry() {
        try {
            work.execute(this::ensure);
        } catch (RejectedExecutionException e) {
            // Deactivated meanwhile.
        }
    }

    private synchronized void giveUp() {
        if (phase == Phase.WAITING) {
            phase = Phase.DONE;
            LOG.warn("no SR driver of type {} (or no host) within {} s: no local SR made", config.type(),
                    config.driver_wait_seconds());
        }
    }

    private synchronized boolean start() {
        if (phase != Phase.WAITING) {
            return false;
        }
        phase = Phase.MAKING;
        return true;
    }

    private synchronized void finish(boolean done) {
        if (phase == Phase.MAKING) {
            phase = done ? Phase.DONE : Phase.WAITING;
        }
    }

    @SuppressWarnings("unchecked")
    private void ensure() {
        if (!start()) {
            return;
        }
        boolean done = true;
        Ref<Session> s = null;
        try {
            // Read the generation first: a host made after the check below still wakes us.
            long generation = db.generation();
            s = api.login("root", "local-storage");
            Map<Ref<Sr>, Sr> srs = (Map<Ref<Sr>, Sr>) api.call("SR.get_all_records", s);
            if (srs.values().stream().anyMatch(sr -> "true".equals(sr.otherConfig().get(MARK)))) {
                return;
            }
            Set<Ref<?>> hosts = (Set<Ref<?>>) api.call("host.get_all", s);
            if (hosts.isEmpty()) {
                // The host object appears as its bundle starts: try again on the next database change.
                done = false;
                db.awaitGeneration(generation).thenRun(this::retry);
                return;
            }
            Ref<?> host = hosts.iterator().next();
            Ref<?> sr = (Ref<?>) api.call("SR.create", s, host, Map.of("location", dir.toString()), 0L, config.name_label(),
                    "Disks of this host's VMs, under " + dir, config.type(), "user", false, Map.of());
            api.call("SR.add_to_other_config", s, sr, MARK, "true");
            Ref<?> pool = ((Set<Ref<?>>) api.call("pool.get_all", s)).iterator().next();
            if (((Ref<?>) api.call("pool.get_default_SR", s, pool)).isNull()) {
                api.call("pool.set_default_SR", s, pool, sr);
            }
            LOG.info("made the local SR \"{}\" ({}) in {}", config.name_label(), config.type(), dir);
        } catch (XenApiException e) {
            if (!"NOT_IMPLEMENTED".equals(e.code())) {
                LOG.warn("could not make the local SR: {}", e.toString(), e);
            } else {
                // The message's bundle is not bound into the API server yet (see the class comment).
                LOG.debug("local SR: {} not served yet; trying again", e.params());
                done = false;
                try {
                    work.schedule(this::ensure, NOT_SERVED_RETRY_MS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    // Deactivated meanwhile.
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not make the local SR: {}", e.toString(), e);
        } finally {
            finish(done);
            if (s != null) {
                try {
                    api.logout(s);
                } catch (RuntimeException e) {
                    // stopping
                }
            }
        }
    }

    @Deactivate
    void deactivate() {
        work.shutdownNow();
    }
}
