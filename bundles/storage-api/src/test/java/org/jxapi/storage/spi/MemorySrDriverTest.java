package org.jxapi.storage.spi;

import java.nio.file.Path;
import java.util.Map;

/** The contract holds for the in-memory reference driver. */
class MemorySrDriverTest extends SrDriverContract {

    @Override
    protected SrDriver newDriver() {
        return new MemorySrDriver();
    }

    @Override
    protected Map<String, String> deviceConfig(Path dir) {
        return Map.of("location", dir.toString());
    }
}
