package org.jxapi.api.impl.transport;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "jxapi XenAPI transport", description = "Where the XenAPI server listens")
@interface ApiServerConfig {
    @AttributeDefinition(description = "HTTP port (80 on a real host); -1 turns plain HTTP off")
    int http_port() default 8080;

    @AttributeDefinition(description = "HTTPS port (443 on a real host); -1 turns HTTPS off")
    int https_port() default 8443;

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 for all")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(description = "Local Unix socket, on which logging in needs no password; empty means "
            + "${karaf.data}/jxapi/xapi; \"none\" turns it off")
    String unix_socket() default "";

    @AttributeDefinition(description = "Directory of the TLS certificate; empty means ${karaf.data}/jxapi")
    String data_dir() default "";

    @AttributeDefinition(description = "Most threads serving requests")
    int max_threads() default 400;

    @AttributeDefinition(description = "Seconds a connection may stay silent (longer than the longest event.from wait)")
    int idle_timeout() default 3600;

    @AttributeDefinition(description = "Largest RPC request body in bytes; larger ones are refused")
    int max_request_bytes() default 64 << 20;
}
