package org.jxapi.sm.support.drivers;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jxapi.storage.spi.SrDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registered SR drivers in step with a driver directory, as xapi-storage-script does
 * with inotify: a candidate that appears and opens becomes an SR type, one that goes away takes
 * its driver with it. The roots are watched, and rescanned at least every {@code rescan} too
 * (a plugin whose files arrive after its directory, a root that is created later); a candidate
 * that did not open is retried once its stamp changes. One daemon thread per scanner; scans
 * are serialised, and {@link #scan()} may also be called directly.
 */
public final class DriverDirectoryScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverDirectoryScanner.class);

    private record Registered(Path candidate, SrDriver driver, Runnable unregister) {
    }

    private final String name;
    private final DriverSource source;
    private final DriverRegistrar registrar;
    private final Duration rescan;
    private final Map<String, Registered> registered = new LinkedHashMap<>();
    /** Candidates that did not open, with their stamp then. */
    private final Map<Path, Object> rejected = new HashMap<>();
    private final WatchService watch;
    private final Map<WatchKey, Path> watched = new HashMap<>();
    private final Thread thread;
    private boolean closed;

    /**
     * Scans once before returning, then follows changes on a thread named {@code name}.
     * A zero {@code rescan} means: follow watch events only, no periodic rescan.
     */
    public DriverDirectoryScanner(String name, DriverSource source, DriverRegistrar registrar, Duration rescan)
            throws IOException {
        this.name = name;
        this.source = source;
        this.registrar = registrar;
        this.rescan = rescan;
        this.watch = FileSystems.getDefault().newWatchService();
        scan();
        thread = new Thread(this::follow, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (true) {
            try {
                WatchKey k = rescan.isZero() ? watch.take() : watch.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
                if (k != null) {
                    k.pollEvents();
                    if (!k.reset()) {
                        forget(k);
                    }
                }
                scan();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("{}: scan failed: {}", name, e.toString());
            }
        }
    }

    private synchronized void forget(WatchKey k) {
        watched.remove(k);
    }

    private void watchRoots() {
        for (Path root : source.roots()) {
            if (!watched.containsValue(root) && Files.isDirectory(root)) {
                try {
                    watched.put(root.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), root);
                } catch (IOException | ClosedWatchServiceException e) {
                    LOG.warn("{}: cannot watch {}: {}", name, root, e.toString());
                }
            }
        }
    }

    /** Registers the drivers that appeared and unregisters those that went away. */
    public synchronized void scan() {
        if (closed) {
            return;
        }
        watchRoots();
        source.refresh();
        Map<String, Path> present = source.candidates();
        for (String type : List.copyOf(registered.keySet())) {
            Registered r = registered.get(type);
            if (!r.candidate().equals(present.get(type))) {
                LOG.info("{}: driver {} for SR type {} removed", name, r.candidate(), type);
                registered.remove(type).unregister().run();
            }
        }
        rejected.keySet().retainAll(present.values());
        present.forEach((type, candidate) -> {
            if (registered.containsKey(type)) {
                return;
            }
            Object stamp = source.stamp(candidate);
            if (stamp.equals(rejected.get(candidate))) {
                return;
            }
            SrDriver driver;
            try {
                driver = source.open(type, candidate);
            } catch (Exception e) {
                LOG.warn("{}: {} is not (yet) a driver: {}", name, candidate, e.toString());
                rejected.put(candidate, stamp);
                return;
            }
            rejected.remove(candidate);
            registered.put(type, new Registered(candidate, driver, registrar.register(type, driver)));
            LOG.info("{}: {} serves SR type {}", name, candidate, type);
        });
    }

    /** The drivers registered now, by SR type (for tests and diagnostics). */
    public synchronized Map<String, SrDriver> drivers() {
        Map<String, SrDriver> m = new LinkedHashMap<>();
        registered.forEach((type, r) -> m.put(type, r.driver()));
        return m;
    }

    /** Stops following and unregisters every driver. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        thread.interrupt();
        try {
            watch.close();
            thread.join(5_000);
        } catch (IOException e) {
            LOG.debug("{}: closing the watch service: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            registered.values().forEach(r -> r.unregister().run());
            registered.clear();
        }
    }
}
