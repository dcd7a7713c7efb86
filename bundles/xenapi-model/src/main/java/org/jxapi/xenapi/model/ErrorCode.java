package org.jxapi.xenapi.model;

import java.util.List;

/**
 * One XenAPI error code with the names of its parameters, as the model documents them.
 * {@code params} is empty when the model gives none, and {@code documented} is false when the
 * model does not say which parameters the error carries.
 */
public record ErrorCode(String name, List<String> params, boolean documented) {

    /** Builds the exception for this code; the parameters are positional, as on the wire. */
    public XenApiException error(String... values) {
        return new XenApiException(name, values);
    }
}
