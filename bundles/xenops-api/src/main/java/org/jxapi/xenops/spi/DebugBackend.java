package org.jxapi.xenops.spi;

import java.util.List;

import org.jxapi.xenops.api.XenopsException;
import org.osgi.annotation.versioning.ConsumerType;

/** The original's {@code module DEBUG}: test hooks that let a test act as the guest ("reboot", "halt", ...). */
@ConsumerType
public interface DebugBackend {
    default void trigger(String cmd, List<String> args) {
        throw XenopsException.unimplemented("DEBUG.trigger " + cmd);
    }
}
