package org.jxapi.api.spi;

import java.util.List;
import java.util.Optional;

import org.jxapi.api.Call;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Serves calls whose names the model does not know, as the original hands them to its XenAPI
 * extensions. The server has already checked the session (the first parameter) and that the
 * caller is pool-admin, the only role allowed undeclared calls. Several may be registered; they
 * are asked in service ranking order until one knows the name.
 */
@ConsumerType
public interface MethodFallback {

    /**
     * The raw result (see {@link org.jxapi.xenapi.wire.RawCall} for raw values) of {@code method}
     * called with {@code params} (the session first), or empty when this fallback has no such
     * method. Failures are thrown as {@link org.jxapi.xenapi.model.XenApiException}.
     */
    Optional<Object> call(Call call, String method, List<Object> params);
}
