package org.jxapi.storage.spi;

import java.util.Map;

/**
 * The SR a driver call is about: its UUID (empty for SR.probe) and the device configuration of
 * its PBD, with {@code dbg}, the caller's task name for the logs.
 */
public record SrContext(String dbg, String sr, Map<String, String> deviceConfig) {

    public SrContext {
        dbg = dbg == null ? "" : dbg;
        sr = sr == null ? "" : sr;
        deviceConfig = deviceConfig == null ? Map.of() : Map.copyOf(deviceConfig);
    }

    /**
     * The value of device-config key {@code key}; when it is missing or blank, the SM error
     * {@code missing} (the original's drivers each name their own, e.g. ConfigLocationMissing).
     */
    public String require(String key, SmErrorCode missing) {
        String v = deviceConfig.get(key);
        if (v == null || v.isBlank()) {
            throw new SmError(missing, "device-config key '" + key + "' is required");
        }
        return v;
    }
}
