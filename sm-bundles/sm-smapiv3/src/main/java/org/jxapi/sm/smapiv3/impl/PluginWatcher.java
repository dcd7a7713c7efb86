package org.jxapi.sm.smapiv3.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxapi.sm.support.drivers.DriverDirectoryScanner;
import org.jxapi.sm.support.drivers.DriverRegistrar;
import org.jxapi.sm.support.drivers.DriverSource;
import org.jxapi.sm.support.drivers.Stamps;
import org.jxapi.storage.spi.SrDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SR drivers in step with the plugin directories, as xapi-storage-script does with
 * inotify: a new volume plugin directory whose {@code Plugin.query} answers becomes an SR type
 * (named after the directory, without the {@code org.xen.xapi.storage.} prefix); a datapath plugin
 * directory serves the URI scheme it is named after; a directory that goes away takes its driver
 * with it. The shared {@link DriverDirectoryScanner} watches and rescans; a plugin whose files
 * are still arriving is retried once they change, so nothing waits for it to settle.
 */
final class PluginWatcher implements DriverSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginWatcher.class);

    private final Path volumeRoot;
    private final Path datapathRoot;
    private final String typePrefix;
    private final ScriptRunner runner;
    private final Datapaths datapaths = new Datapaths();
    private final DriverDirectoryScanner scanner;

    PluginWatcher(Path volumeRoot, Path datapathRoot, String typePrefix, ScriptRunner runner,
            DriverRegistrar registrar, Duration rescan) throws IOException {
        this.volumeRoot = volumeRoot;
        this.datapathRoot = datapathRoot;
        this.typePrefix = typePrefix;
        this.runner = runner;
        this.scanner = new DriverDirectoryScanner("jxapi-smapiv3-plugins", this, registrar, rescan);
    }

    String typeOf(String dirName) {
        return dirName.startsWith(typePrefix) && dirName.length() > typePrefix.length()
                ? dirName.substring(typePrefix.length()) : dirName;
    }

    @Override
    public List<Path> roots() {
        return List.of(volumeRoot, datapathRoot);
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

    @Override
    public Map<String, Path> candidates() {
        Map<String, Path> m = new LinkedHashMap<>();
        subdirectories(volumeRoot).stream().sorted().forEach(name -> m.putIfAbsent(typeOf(name), volumeRoot.resolve(name)));
        return m;
    }

    @Override
    public Object stamp(Path pluginDir) {
        return Stamps.directory(pluginDir);
    }

    /** Brings the registered drivers and datapaths in line with the directories. */
    void sync() {
        scanner.scan();
    }

    /** Datapath plugins are no SR types: they are kept here, for the volume plugins to use. */
    @Override
    public void refresh() {
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
                    Map<String, Object> q = Loose.map(runner.call(dir, "Plugin.query", Map.of("dbg", "register")));
                    datapaths.put(scheme, new Datapaths.Plugin(dir, Loose.stringList(q.get("features"))));
                    LOG.info("SMAPIv3 datapath plugin for {} URIs registered from {}", scheme, dir);
                } catch (RuntimeException e) {
                    LOG.debug("datapath plugin {} not ready: {}", dir, e.toString());
                }
            }
        }
    }

    @Override
    public SrDriver open(String type, Path dir) {
        if (!ScriptRunner.has(dir, "Plugin.query")) {
            throw new IllegalStateException("no executable Plugin.query");
        }
        Map<String, Object> q = Loose.map(runner.call(dir, "Plugin.query", Map.of("dbg", "register")));
        String api = Loose.str(q.get("required_api_version"));
        if (!api.isEmpty() && !api.equals("5.0") && !api.equals("3.0")) {
            throw new IllegalStateException("requires API " + api + ", not 3.0 or 5.0");
        }
        return new Smapiv3Driver(type, dir, q, runner, datapaths);
    }

    /** The drivers registered now, by SR type (for tests and diagnostics). */
    Map<String, SrDriver> drivers() {
        return scanner.drivers();
    }

    @Override
    public void close() {
        scanner.close();
    }
}
