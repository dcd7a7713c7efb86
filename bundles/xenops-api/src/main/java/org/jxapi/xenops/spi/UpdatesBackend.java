package org.jxapi.xenops.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The original's {@code module UPDATES}, pushed: from {@link #subscribe} on the backend calls the
 * sink whenever a domain or device needs attention (guest shutdown, crash, device gone). A backend
 * serving several instances signals every subscriber; each instance ignores what it does not manage.
 * The default has nothing to tell.
 */
@ConsumerType
public interface UpdatesBackend {
    default void subscribe(UpdateSink sink) {
    }

    default void unsubscribe(UpdateSink sink) {
    }
}
