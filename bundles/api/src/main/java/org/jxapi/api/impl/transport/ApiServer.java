package org.jxapi.api.impl.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jxapi.api.impl.dispatch.RpcDispatcher;
import org.jxapi.api.spi.HttpEndpoint;
import org.jxapi.common.net.UnixSocketPath;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XenAPI's listeners: HTTP, HTTPS with the host's self-signed certificate, and the local Unix
 * socket, all served by one Jetty 12 server in front of the dispatcher.
 */
@Component(service = ApiServer.class, configurationPid = "org.jxapi.api", immediate = true)
@Designate(ocd = ApiServerConfig.class)
public class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Server server;
    private final EndpointRegistry endpoints;
    private ServerConnector http;
    private ServerConnector https;
    private Path socket;

    @Activate
    public ApiServer(@Reference(name = "core") RpcDispatcher core, ApiServerConfig config) throws Exception {
        this.endpoints = new EndpointRegistry(core);
        QueuedThreadPool threads = new QueuedThreadPool(config.max_threads(), 8, 60_000);
        threads.setName("jxapi-http");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        long idle = config.idle_timeout() * 1000L;
        Path dir = config.data_dir().isBlank() ? defaultDir() : Path.of(config.data_dir());
        if (config.http_port() >= 0) {
            http = new ServerConnector(server, ConsoleConnectFactory.withHttp(core, new HttpConnectionFactory(hc)));
            http.setHost(config.bind_address());
            http.setPort(config.http_port());
            http.setIdleTimeout(idle);
            server.addConnector(http);
        }
        if (config.https_port() >= 0) {
            SelfSignedCertificate.Keystore ks = SelfSignedCertificate.ensure(dir);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(ks.path().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(ks.password());
            HttpConfiguration hcs = new HttpConfiguration(hc);
            SecureRequestCustomizer src = new SecureRequestCustomizer();
            // Clients reach hosts by address; a certificate check on the Host header would refuse them.
            src.setSniHostCheck(false);
            hcs.addCustomizer(src);
            ConnectionFactory[] plain = ConsoleConnectFactory.withHttp(core, new HttpConnectionFactory(hcs));
            https = new ServerConnector(server, new SslConnectionFactory(ssl, plain[0].getProtocol()), plain[0],
                    plain[1]);
            https.setHost(config.bind_address());
            https.setPort(config.https_port());
            https.setIdleTimeout(idle);
            server.addConnector(https);
        }
        if (!config.unix_socket().equals("none")) {
            socket = socketPath(config.unix_socket().isBlank() ? dir.resolve("xapi") : Path.of(config.unix_socket()));
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(socket);
            UnixDomainServerConnector unix = new UnixDomainServerConnector(server,
                    ConsoleConnectFactory.withHttp(core, new HttpConnectionFactory(hc)));
            unix.setUnixDomainPath(socket);
            unix.setIdleTimeout(idle);
            server.addConnector(unix);
        }
        server.setHandler(new RpcHandler(core, endpoints, config.max_request_bytes(), threads));
        try {
            server.start();
        } catch (java.io.IOException e) {
            if (socket == null) {
                throw e;
            }
            // The network listeners matter more than the local socket: go on without it.
            LOG.error("cannot listen on the Unix socket {}; serving HTTP and HTTPS only", socket, e);
            server.stop();
            for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                if (c instanceof UnixDomainServerConnector) {
                    server.removeConnector(c);
                }
            }
            socket = null;
            server.start();
        }
        LOG.info("XenAPI listening: http {}, https {}, unix socket {}", httpPort(), httpsPort(), socket);
    }

    static Path defaultDir() {
        String data = System.getProperty("karaf.data");
        return data == null ? Path.of("data", "jxapi") : Path.of(data, "jxapi");
    }

    /** A socket path short enough for the kernel; a long one moves to a short path under /tmp. */
    private static Path socketPath(Path wanted) {
        Path usable = UnixSocketPath.orShortUnderTmp(wanted, "jxapi-api-");
        if (!usable.equals(wanted.toAbsolutePath())) {
            LOG.warn("the socket path {} is longer than {} bytes; listening on {} instead", wanted.toAbsolutePath(),
                    UnixSocketPath.MAX_BYTES, usable);
        }
        return usable;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEndpoint(HttpEndpoint endpoint, Map<String, Object> props) {
        endpoints.add(endpoint, props);
    }

    void removeEndpoint(HttpEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    @Deactivate
    void deactivate() throws Exception {
        server.stop();
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }

    /** The bound HTTP port (useful when configured as 0), or -1. */
    public int httpPort() {
        return http == null ? -1 : http.getLocalPort();
    }

    public int httpsPort() {
        return https == null ? -1 : https.getLocalPort();
    }

    public Path socket() {
        return socket;
    }
}
