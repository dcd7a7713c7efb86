package org.jxapi.sm.file.impl;

import java.nio.file.Path;
import java.util.Map;

import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.SrDriverContract;

/** The file SR keeps the SR driver contract. */
class FileSrContractTest extends SrDriverContract {

    @Override
    protected SrDriver newDriver() {
        return QemuTools.driver(1L << 40);
    }

    @Override
    protected Map<String, String> deviceConfig(Path dir) {
        return Map.of("location", dir.toString());
    }
}
