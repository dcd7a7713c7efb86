package org.jxapi.xenops.spi;

import org.jxapi.xenops.api.DynamicId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a backend reports that something needs attention ("VM x changed"), without saying what to
 * do: the engine queues a check of that object. It never blocks.
 */
@ProviderType
@FunctionalInterface
public interface UpdateSink {
    void signal(DynamicId id);
}
