package org.jxapi.sample.sr;

import java.nio.file.Path;
import java.util.Map;

import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.SrDriverContract;

/** The sample keeps the SR driver contract, like every driver. */
class SampleSrDriverTest extends SrDriverContract {

    @Override
    protected SrDriver newDriver() {
        return new SampleSrDriver(1L << 40);
    }

    @Override
    protected Map<String, String> deviceConfig(Path dir) {
        return Map.of("location", dir.toString());
    }
}
