package org.jxapi.sm.smapiv1.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jxapi.storage.api.SmapiVersion;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.propertytypes.SrType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the SMAPIv1 driver executables as xapi does at start ({@code <Type>SR} files of the SM
 * directory that answer {@code sr_get_driver_info}) and registers each as the SR driver of type
 * {@code <type>} in lower case; rescans to follow drivers installed or removed later.
 */
@Component(service = {}, configurationPid = "org.jxapi.sm.smapiv1", immediate = true)
@Designate(ocd = Smapiv1Config.class)
public class Smapiv1Drivers {
    private static final Logger LOG = LoggerFactory.getLogger(Smapiv1Drivers.class);

    /** Registers a driver for an SR type and returns how to unregister it. */
    interface Registrar {
        Runnable register(String srType, Smapiv1Driver driver);
    }

    private final Path smDir;
    private final Path stateDir;
    private final Duration timeout;
    private final Registrar registrar;
    private final Map<String, Runnable> registered = new HashMap<>();
    /** Executables that did not answer, with their modification time: retried once they change. */
    private final Map<Path, FileTime> rejected = new HashMap<>();
    private final ScheduledExecutorService rescans;

    @Activate
    public Smapiv1Drivers(BundleContext bundle, Smapiv1Config config) {
        this(Path.of(config.sm_dir()), Path.of(config.state_dir()), Duration.ofSeconds(config.timeout_seconds()),
                (type, driver) -> {
                    Hashtable<String, Object> props = new Hashtable<>();
                    props.put(SrType.PROPERTY, type);
                    props.put("sr.smapi", SmapiVersion.SMAPIV1.name());
                    props.put("smapiv1.driver", driver.exe().toString());
                    ServiceRegistration<SrDriver> reg = bundle.registerService(SrDriver.class, driver, props);
                    return () -> {
                        try {
                            reg.unregister();
                        } catch (IllegalStateException e) {
                            LOG.debug("SR driver for {} already gone", type);
                        }
                    };
                }, config.rescan_seconds());
    }

    Smapiv1Drivers(Path smDir, Path stateDir, Duration timeout, Registrar registrar, int rescanSeconds) {
        this.smDir = smDir;
        this.stateDir = stateDir;
        this.timeout = timeout;
        this.registrar = registrar;
        this.rescans = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jxapi-smapiv1-scan");
            t.setDaemon(true);
            return t;
        });
        scan();
        if (rescanSeconds > 0) {
            rescans.scheduleWithFixedDelay(this::scan, rescanSeconds, rescanSeconds, TimeUnit.SECONDS);
        }
    }

    /** Registers drivers that appeared and unregisters those that went away. */
    synchronized void scan() {
        Map<String, Path> present = new HashMap<>();
        if (Files.isDirectory(smDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(smDir, "*SR")) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (name.length() > 2 && Files.isRegularFile(p) && Files.isExecutable(p)) {
                        present.put(name.substring(0, name.length() - 2).toLowerCase(Locale.ROOT), p);
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot scan {} for SM drivers: {}", smDir, e.toString());
            }
        }
        for (String type : Map.copyOf(registered).keySet()) {
            if (!present.containsKey(type)) {
                LOG.info("SMAPIv1 driver for SR type {} removed", type);
                registered.remove(type).run();
            }
        }
        present.forEach((type, exe) -> {
            if (!registered.containsKey(type) && !stillRejected(exe)) {
                try {
                    Smapiv1Driver d = new Smapiv1Driver(exe, stateDir.resolve(type), timeout);
                    registered.put(type, registrar.register(type, d));
                    LOG.info("SMAPIv1 driver {} serves SR type {}", exe, type);
                    rejected.remove(exe);
                } catch (RuntimeException e) {
                    LOG.warn("rejecting SM plugin {}: {}", exe, e.toString());
                    rejected.put(exe, modified(exe));
                }
            }
        });
    }

    private boolean stillRejected(Path exe) {
        FileTime t = rejected.get(exe);
        return t != null && t.equals(modified(exe));
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    @Deactivate
    public synchronized void close() {
        rescans.shutdownNow();
        registered.values().forEach(Runnable::run);
        registered.clear();
    }
}
