package org.jxapi.sm.smapiv3.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;

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
 * The SMAPIv3 plugin host: registers one {@link SrDriver} service per volume plugin directory,
 * for as long as the directory is there, so that third-party SMAPIv3 plugins work unchanged.
 */
@Component(service = {}, configurationPid = "org.jxapi.sm.smapiv3", immediate = true)
@Designate(ocd = Smapiv3Config.class)
public class Smapiv3Plugins {
    private static final Logger LOG = LoggerFactory.getLogger(Smapiv3Plugins.class);
    private final PluginWatcher watcher;

    @Activate
    public Smapiv3Plugins(BundleContext bundle, Smapiv3Config config) throws IOException {
        PluginWatcher.Registrar registrar = (type, driver) -> {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(SrType.PROPERTY, type);
            props.put("sr.smapi", SmapiVersion.SMAPIV3.name());
            props.put("smapiv3.plugin", ((Smapiv3Driver) driver).dir().toString());
            ServiceRegistration<SrDriver> reg = bundle.registerService(SrDriver.class, driver, props);
            return () -> {
                try {
                    reg.unregister();
                } catch (IllegalStateException e) {
                    LOG.debug("SR driver for {} already gone", type);
                }
            };
        };
        watcher = new PluginWatcher(Path.of(config.volume_root()), Path.of(config.datapath_root()),
                config.type_prefix(), new ScriptRunner(Duration.ofSeconds(config.script_timeout_seconds())),
                registrar, config.rescan_seconds() * 1000L);
    }

    @Deactivate
    void stop() {
        watcher.close();
    }
}
