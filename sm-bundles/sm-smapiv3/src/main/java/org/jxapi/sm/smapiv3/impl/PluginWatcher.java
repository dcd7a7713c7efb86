package org.jxapi.sm.smapiv3.impl;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jxapi.storage.spi.SrDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SR drivers in step with the plugin directories, as xapi-storage-script does with
 * inotify: a new volume plugin directory whose {@code Plugin.query} answers becomes an SR type
 * (named after the directory, without the {@code org.xen.xapi.storage.} prefix); a datapath plugin
 * directory serves the URI scheme it is named after; a directory that goes away takes its driver
 * with it. Changes are watched, and the directories are rescanned periodically too, so that a
 * plugin whose files arrive after its directory is picked up once it answers.
 */
final class PluginWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginWatcher.class);

    /** Registers a driver for an SR type and returns how to unregister it. */
    interface Registrar {
        Runnable register(String srType, SrDriver driver);
    }

    private record Registered(Smapiv3Driver driver, Runnable unregister) {
    }

    private final Path volumeRoot;
    private final Path datapathRoot;
    private final String typePrefix;
    private final ScriptRunner runner;
    private final Registrar registrar;
    private final long rescanMillis;
    private final Datapaths datapaths = new Datapaths();
    private final Map<String, Registered> volumes = new HashMap<>();
    private final WatchService watch;
    private final Set<Path> watched = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    PluginWatcher(Path volumeRoot, Path datapathRoot, String typePrefix, ScriptRunner runner, Registrar registrar,
            long rescanMillis) throws IOException {
        this.volumeRoot = volumeRoot;
        this.datapathRoot = datapathRoot;
        this.typePrefix = typePrefix;
        this.runner = runner;
        this.registrar = registrar;
        this.rescanMillis = Math.max(100, rescanMillis);
        this.watch = FileSystems.getDefault().newWatchService();
        sync();
        thread = new Thread(this::loop, "jxapi-smapiv3-plugins");
        thread.setDaemon(true);
        thread.start();
    }

    String typeOf(String dirName) {
        return dirName.startsWith(typePrefix) && dirName.length() > typePrefix.length()
                ? dirName.substring(typePrefix.length()) : dirName;
    }

    private void loop() {
        while (running) {
            try {
                WatchKey k = watch.poll(rescanMillis, TimeUnit.MILLISECONDS);
                if (k != null) {
                    k.pollEvents();
                    k.reset();
                    // Let a plugin being moved or copied in settle before it is queried.
                    Thread.sleep(50);
                }
                sync();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("SMAPIv3 plugin scan failed: {}", e.toString());
            }
        }
    }

    private void watchRoot(Path root) {
        if (!watched.contains(root) && Files.isDirectory(root)) {
            try {
                root.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
                watched.add(root);
            } catch (IOException e) {
                LOG.warn("cannot watch {}: {}", root, e.toString());
            }
        }
    }

    private static Set<String> subdirectories(Path root) {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, Files::isDirectory)) {
            ds.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", root, e.toString());
        }
        return names;
    }

    /** Brings the registered drivers and datapaths in line with the directories. */
    synchronized void sync() {
        if (!running) {
            return;
        }
        watchRoot(volumeRoot);
        watchRoot(datapathRoot);
        syncDatapaths();
        Set<String> present = subdirectories(volumeRoot);
        for (String name : List.copyOf(volumes.keySet())) {
            if (!present.contains(name)) {
                LOG.info("SMAPIv3 volume plugin {} removed", name);
                volumes.remove(name).unregister().run();
            }
        }
        for (String name : present) {
            if (!volumes.containsKey(name)) {
                addVolumePlugin(name);
            }
        }
    }

    private void syncDatapaths() {
        Set<String> present = subdirectories(datapathRoot);
        for (String scheme : datapaths.schemes()) {
            if (!present.contains(scheme)) {
                datapaths.remove(scheme);
                LOG.info("SMAPIv3 datapath plugin for {} URIs removed", scheme);
            }
        }
        for (String scheme : present) {
            if (!datapaths.has(scheme)) {
                Path dir = datapathRoot.resolve(scheme);
                try {
                    Map<String, Object> q = JsonText.map(runner.call(dir, "Plugin.query", Map.of("dbg", "register")));
                    datapaths.put(scheme, new Datapaths.Plugin(dir, JsonText.stringList(q.get("features"))));
                    LOG.info("SMAPIv3 datapath plugin for {} URIs registered from {}", scheme, dir);
                } catch (RuntimeException e) {
                    LOG.debug("datapath plugin {} not ready: {}", dir, e.toString());
                }
            }
        }
    }

    private void addVolumePlugin(String name) {
        Path dir = volumeRoot.resolve(name);
        if (!ScriptRunner.has(dir, "Plugin.query")) {
            return;
        }
        Map<String, Object> q;
        try {
            q = JsonText.map(runner.call(dir, "Plugin.query", Map.of("dbg", "register")));
        } catch (RuntimeException e) {
            LOG.warn("SMAPIv3 volume plugin {} does not answer Plugin.query: {}", dir, e.toString());
            return;
        }
        String api = JsonText.str(q.get("required_api_version"));
        if (!api.isEmpty() && !api.equals("5.0") && !api.equals("3.0")) {
            LOG.warn("SMAPIv3 volume plugin {} requires API {}, not 3.0 or 5.0: ignored", dir, api);
            return;
        }
        String type = typeOf(name);
        Smapiv3Driver driver = new Smapiv3Driver(type, dir, q, runner, datapaths);
        volumes.put(name, new Registered(driver, registrar.register(type, driver)));
        LOG.info("SMAPIv3 volume plugin {} serves SR type {}", dir, type);
    }

    /** The drivers registered now, by SR type (for tests and diagnostics). */
    synchronized Map<String, SrDriver> drivers() {
        Map<String, SrDriver> m = new HashMap<>();
        volumes.forEach((name, r) -> m.put(typeOf(name), r.driver()));
        return m;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            watch.close();
            thread.join(5_000);
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            volumes.values().forEach(r -> r.unregister().run());
            volumes.clear();
        }
    }
}
