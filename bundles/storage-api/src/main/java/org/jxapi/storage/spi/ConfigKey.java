package org.jxapi.storage.spi;

/** A device-config key a driver understands, with its description for the SM object. */
public record ConfigKey(String key, String description, boolean required) {

    public static ConfigKey required(String key, String description) {
        return new ConfigKey(key, description, true);
    }

    public static ConfigKey optional(String key, String description) {
        return new ConfigKey(key, description, false);
    }
}
