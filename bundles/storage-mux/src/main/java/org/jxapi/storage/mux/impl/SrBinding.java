package org.jxapi.storage.mux.impl;

import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jxapi.storage.spi.Capability;
import org.jxapi.storage.spi.SrContext;
import org.jxapi.storage.spi.SrDriver;
import org.jxapi.xenapi.model.ErrorCodes;

/**
 * An attached SR: the driver serving it and its device config. VDI operations hold the read
 * lock, SR detach and destroy the write lock, so that an SR is never detached under a VDI call.
 */
final class SrBinding {
    final String sr;
    final DriverRegistry.Entry entry;
    final Map<String, String> deviceConfig;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    SrBinding(String sr, DriverRegistry.Entry entry, Map<String, String> deviceConfig) {
        this.sr = sr;
        this.entry = entry;
        this.deviceConfig = Map.copyOf(deviceConfig);
    }

    SrDriver driver() {
        return entry.driver();
    }

    String type() {
        return entry.type();
    }

    SrContext ctx(String dbg) {
        return new SrContext(dbg, sr, deviceConfig);
    }

    /** Refuses an operation the driver does not declare, as xapi does before calling SM. */
    void require(Capability c) {
        if (!entry.info().has(c)) {
            throw ErrorCodes.SR_OPERATION_NOT_SUPPORTED.error(sr);
        }
    }

    boolean has(Capability c) {
        return entry.info().has(c);
    }
}
