package org.jxapi.api.spi;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A path served by the XenAPI server beside its RPC paths ({@code /import_raw_vdi},
 * {@code /rrd_updates}, ...). Register as a service with property {@value #PATH} (the path) and
 * optionally {@value #PERMISSION} (a message wire name such as {@code VDI.import} whose roles may
 * use it; default pool-admin only). The server checks the session ({@code session_id} query
 * parameter, cookie or basic authentication) and RBAC before calling.
 */
@ConsumerType
public interface HttpEndpoint {
    String PATH = "xenapi.http.path";
    String PERMISSION = "xenapi.http.permission";

    void handle(HttpEndpointRequest request, HttpEndpointResponse response) throws IOException;
}
