package org.jxapi.sm.smapiv1.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.SrDriverContract;

/** The sample SMAPIv1 driver, through the adapter, keeps the SR driver contract. */
class Smapiv1ContractTest extends SrDriverContract {

    @Override
    protected SrDriver newDriver() {
        return new Smapiv1Driver(SampleDriver.install(tmp.resolve("sm")), tmp.resolve("state"), Duration.ofSeconds(30));
    }

    @Override
    protected Map<String, String> deviceConfig(Path dir) {
        return Map.of("location", dir.toString());
    }
}
