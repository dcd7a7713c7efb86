package org.jxapi.api.spi;

import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;

/** The response of an {@link HttpEndpoint}: set status and headers, then write the body. */
@ProviderType
public interface HttpEndpointResponse {
    void status(int code);

    void header(String name, String value);

    /** The body; status and headers are sent when it is first written to. */
    OutputStream body();
}
