package org.jxapi.sm.smapiv1.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jxapi.sm.support.drivers.DriverDirectoryScanner;
import org.jxapi.sm.support.drivers.DriverRegistrar;
import org.jxapi.sm.support.drivers.DriverSource;
import org.jxapi.storage.api.SmapiVersion;
import org.jxapi.storage.spi.SrDriver;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the SMAPIv1 driver executables as xapi does at start ({@code <Type>SR} files of the SM
 * directory that answer {@code sr_get_driver_info}) and registers each as the SR driver of type
 * {@code <type>} in lower case; watches the directory to follow drivers installed or removed later.
 */
@Component(service = {}, configurationPid = "org.jxapi.sm.smapiv1", immediate = true)
@Designate(ocd = Smapiv1Config.class)
public class Smapiv1Drivers implements DriverSource {
    private static final Logger LOG = LoggerFactory.getLogger(Smapiv1Drivers.class);

    private final Path smDir;
    private final Path stateDir;
    private final Duration timeout;
    private final DriverDirectoryScanner scanner;

    @Activate
    public Smapiv1Drivers(BundleContext bundle, Smapiv1Config config) throws IOException {
        this(Path.of(config.sm_dir()), Path.of(config.state_dir()), Duration.ofSeconds(config.timeout_seconds()),
                DriverRegistrar.services(bundle, SmapiVersion.SMAPIV1, "smapiv1.driver", Smapiv1Driver.class,
                        Smapiv1Driver::exe),
                config.rescan_seconds());
    }

    Smapiv1Drivers(Path smDir, Path stateDir, Duration timeout, DriverRegistrar registrar, int rescanSeconds)
            throws IOException {
        this.smDir = smDir;
        this.stateDir = stateDir;
        this.timeout = timeout;
        this.scanner = new DriverDirectoryScanner("jxapi-smapiv1-scan", this, registrar,
                Duration.ofSeconds(Math.max(0, rescanSeconds)));
    }

    @Override
    public List<Path> roots() {
        return List.of(smDir);
    }

    @Override
    public Map<String, Path> candidates() {
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
        return present;
    }

    @Override
    public SrDriver open(String srType, Path exe) {
        return new Smapiv1Driver(exe, stateDir.resolve(srType), timeout);
    }

    /** Registers drivers that appeared and unregisters those that went away. */
    void scan() {
        scanner.scan();
    }

    @Deactivate
    public void close() {
        scanner.close();
    }
}
