package org.jxapi.sm.support.drivers;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.function.Function;

import org.jxapi.storage.api.SmapiVersion;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.propertytypes.SrType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a driver found on disk an SR type: registers it and returns how to take it away again.
 * Tests register into a storage multiplexer directly; bundles use {@link #services}.
 */
@FunctionalInterface
public interface DriverRegistrar {

    Runnable register(String srType, SrDriver driver);

    /**
     * Registers each driver as an {@link SrDriver} service of the given bundle with
     * {@code sr.type}, {@code sr.smapi} and {@code <sourceProperty>} (where the driver was found,
     * for diagnostics). Unregistering twice, as happens when the bundle stops first, is harmless.
     */
    static <D extends SrDriver> DriverRegistrar services(BundleContext bundle, SmapiVersion smapi,
            String sourceProperty, Class<D> driverClass, Function<D, Path> source) {
        Logger log = LoggerFactory.getLogger(DriverRegistrar.class);
        return (type, driver) -> {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(SrType.PROPERTY, type);
            props.put("sr.smapi", smapi.name());
            props.put(sourceProperty, source.apply(driverClass.cast(driver)).toString());
            ServiceRegistration<SrDriver> reg = bundle.registerService(SrDriver.class, driver, props);
            return () -> {
                try {
                    reg.unregister();
                } catch (IllegalStateException e) {
                    log.debug("SR driver for {} already gone", type);
                }
            };
        };
    }
}
