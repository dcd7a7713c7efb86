package org.jxapi.api.spi;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.jxapi.api.Call;
import org.osgi.annotation.versioning.ProviderType;

/** An authenticated request to an {@link HttpEndpoint}. */
@ProviderType
public interface HttpEndpointRequest {
    String method();

    String path();

    /** Query parameters, decoded; a parameter given several times keeps every value. */
    Map<String, List<String>> query();

    default String query(String name) {
        List<String> v = query().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A request header, or null. */
    String header(String name);

    /** -1 when unknown. */
    long contentLength();

    InputStream body();

    /** The session and user the request runs as. */
    Call call();
}
