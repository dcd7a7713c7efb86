package org.jxapi.sm.iso.impl;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.jxapi.storage.api.VdiInfo;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.storage.spi.SrDriverContract;

/** The ISO SR keeps the SR driver contract; its VDIs are made by dropping .iso files in. */
class IsoSrContractTest extends SrDriverContract {
    private Path library;

    @Override
    protected SrDriver newDriver() {
        return new IsoSrDriver();
    }

    @Override
    protected Map<String, String> deviceConfig(Path dir) {
        try {
            library = Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("location", dir.toString());
    }

    @Override
    protected VdiInfo provisionVdi(long size) throws Exception {
        String name = UUID.randomUUID() + ".iso";
        try (RandomAccessFile f = new RandomAccessFile(library.resolve(name).toFile(), "rw")) {
            f.setLength(size);
        }
        return driver.vdiStat(ctx, name);
    }
}
