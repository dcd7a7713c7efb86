package org.jxapi.storage.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Told how far a data transfer has got, in bytes of the VDI's virtual size. */
@ConsumerType
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
