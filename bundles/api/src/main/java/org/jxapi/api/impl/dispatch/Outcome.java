package org.jxapi.api.impl.dispatch;

import java.util.List;

import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.XenApiType;

/** The answer to one call: a typed value, or a XenAPI error description. */
public sealed interface Outcome {
    record Success(Object value, XenApiType type) implements Outcome { }

    record Failure(List<String> errorDescription) implements Outcome { }

    static Outcome of(XenApiException e) {
        return new Failure(e.errorDescription());
    }
}
