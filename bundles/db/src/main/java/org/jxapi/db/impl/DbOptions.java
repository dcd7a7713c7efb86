package org.jxapi.db.impl;

import java.nio.file.Path;

/**
 * How a database is kept. {@code dir} null means memory only (tests). {@code fsync} false gives
 * up durability for speed and is meant for tests of other subsystems.
 */
public record DbOptions(Path dir, boolean fsync, long compactBytes, int changelogCapacity) {
    public static DbOptions inMemory() {
        return new DbOptions(null, false, Long.MAX_VALUE, 1 << 16);
    }

    public static DbOptions durable(Path dir) {
        return new DbOptions(dir, true, 64L << 20, 1 << 18);
    }
}
