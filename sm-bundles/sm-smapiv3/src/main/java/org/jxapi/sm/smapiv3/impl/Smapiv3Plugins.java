package org.jxapi.sm.smapiv3.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.jxapi.sm.support.drivers.DriverRegistrar;
import org.jxapi.storage.api.SmapiVersion;
import org.jxapi.storage.spi.SrDriver;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The SMAPIv3 plugin host: registers one {@link SrDriver} service per volume plugin directory,
 * for as long as the directory is there, so that third-party SMAPIv3 plugins work unchanged.
 */
@Component(service = {}, configurationPid = "org.jxapi.sm.smapiv3", immediate = true)
@Designate(ocd = Smapiv3Config.class)
public class Smapiv3Plugins {
    private final PluginWatcher watcher;

    @Activate
    public Smapiv3Plugins(BundleContext bundle, Smapiv3Config config) throws IOException {
        watcher = new PluginWatcher(Path.of(config.volume_root()), Path.of(config.datapath_root()),
                config.type_prefix(), new ScriptRunner(Duration.ofSeconds(config.script_timeout_seconds())),
                DriverRegistrar.services(bundle, SmapiVersion.SMAPIV3, "smapiv3.plugin", Smapiv3Driver.class,
                        Smapiv3Driver::dir),
                Duration.ofSeconds(Math.max(1, config.rescan_seconds())));
    }

    @Deactivate
    void stop() {
        watcher.close();
    }
}
