package org.jxapi.api.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.types.ConsoleProtocol;

/**
 * The original's console proxy: {@code CONNECT /console?...} on the XenAPI port, answered 200 and then
 * relayed to a console server (here a small RFB-greeting echo server, over TCP and a Unix socket).
 */
class ConsoleTunnelTest {
    private static final String GREETING = "RFB 003.008\n";

    @TempDir
    Path dir;
    private TestHost host;
    private ServerSocket tcpConsole;
    private ServerSocketChannel unixConsole;
    private String session;
    private String vm;
    private String vmUuid;
    private String rfb;
    private String text;

    @BeforeEach
    void start() throws Exception {
        host = new TestHost(dir, Map.of(), org.jxapi.db.impl.DbOptions.inMemory(), Map.of("https.port", 0));
        tcpConsole = new ServerSocket(0);
        serve(() -> tcpConsole.accept());
        Path sock = dir.resolve("c.sock");
        unixConsole = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unixConsole.bind(UnixDomainSocketAddress.of(sock));
        serve(() -> {
            SocketChannel ch = unixConsole.accept();
            return new Socket() {
                @Override
                public InputStream getInputStream() {
                    return Channels.newInputStream(ch);
                }

                @Override
                public OutputStream getOutputStream() {
                    return Channels.newOutputStream(ch);
                }

                @Override
                public synchronized void close() throws IOException {
                    ch.close();
                }
            };
        });
        session = host.login();
        vm = (String) host.ok("VM.create", session, Map.of("name_label", "c", "memory_static_max", 1 << 30,
                "VCPUs_max", 1));
        vmUuid = (String) host.ok("VM.get_uuid", session, vm);
        rfb = host.db.write(tx -> tx.create("console", Map.of("protocol", ConsoleProtocol.RFB, "VM", Ref.of(vm),
                "other_config", Map.of("port", "" + tcpConsole.getLocalPort())))).handle();
        text = host.db.write(tx -> tx.create("console", Map.of("protocol", ConsoleProtocol.VT100, "VM", Ref.of(vm),
                "other_config", Map.of("path", sock.toString())))).handle();
    }

    @AfterEach
    void stop() throws Exception {
        tcpConsole.close();
        unixConsole.close();
        host.close();
    }

    interface Acceptor {
        Socket accept() throws IOException;
    }

    /** A console server: greets like RFB, then echoes. */
    private static void serve(Acceptor acceptor) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Socket s = acceptor.accept();
                    Thread echo = new Thread(() -> {
                        try (s) {
                            OutputStream out = s.getOutputStream();
                            out.write(GREETING.getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            s.getInputStream().transferTo(out);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void connectBySessionAndConsoleRefGivesTheConsoleItself() throws Exception {
        try (Socket s = connect("CONNECT /console?ref=" + rfb + "&session_id=" + session + " HTTP/1.0\r\n\r\n")) {
            assertEquals("HTTP/1.1 200 OK\r\n\r\n" + GREETING, read(s, 19 + GREETING.length()));
            s.getOutputStream().write("RFB 003.003\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("RFB 003.003\n", read(s, 12));
        }
    }

    @Test
    void aVmUuidMeansItsGraphicalConsoleAndBasicAuthenticationWorks() throws Exception {
        String auth = Base64.getEncoder().encodeToString(("root:" + TestHost.ROOT_PASSWORD).getBytes());
        try (Socket s = connect("CONNECT /console?uuid=" + vmUuid + " HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                + auth + "\r\n\r\nping")) {
            // "ping" went with the request: it reaches the console after the greeting.
            assertEquals("HTTP/1.1 200 OK\r\n\r\n" + GREETING + "ping", read(s, 19 + GREETING.length() + 4));
        }
    }

    @Test
    void theTextConsoleIsReachedThroughItsUnixSocket() throws Exception {
        try (Socket s = connect("CONNECT /console?ref=" + text + " HTTP/1.0\r\nCookie: a=b; session_id=" + session
                + "\r\n\r\n")) {
            assertEquals("HTTP/1.1 200 OK\r\n\r\n" + GREETING, read(s, 19 + GREETING.length()));
            s.getOutputStream().write("ls\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ls\n", read(s, 3));
        }
    }

    @Test
    void refusalsAreHttpErrors() throws Exception {
        assertTrue(status("CONNECT /console?ref=" + rfb + " HTTP/1.0\r\n\r\n").startsWith("HTTP/1.1 401"));
        assertTrue(status("CONNECT /console?ref=" + rfb + "&session_id=OpaqueRef:nope HTTP/1.0\r\n\r\n")
                .startsWith("HTTP/1.1 401"));
        String viewer = host.loginAs("viewer", "read-only");
        assertTrue(status("CONNECT /console?ref=" + rfb + "&session_id=" + viewer + " HTTP/1.0\r\n\r\n")
                .startsWith("HTTP/1.1 403"));
        String missing = status("CONNECT /console?ref=OpaqueRef:missing&session_id=" + session + " HTTP/1.0\r\n\r\n");
        assertTrue(missing.startsWith("HTTP/1.1 404") && missing.contains("HANDLE_INVALID"), missing);
        assertTrue(status("CONNECT /other HTTP/1.0\r\n\r\n").startsWith("HTTP/1.1 404"));
        // Ordinary requests on the same port are still HTTP.
        assertEquals("c", host.ok("VM.get_name_label", session, vm));
    }

    @Test
    void httpsServesTheXenApiAndTheConsoleWithTheSelfSignedCertificate() throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        javax.net.ssl.X509TrustManager any = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        tls.init(null, new javax.net.ssl.TrustManager[] {any}, null);
        int port = host.server.httpsPort();
        assertTrue(port > 0);
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"VM.get_name_label\",\"params\":[\"" + session
                    + "\",\"" + vm + "\"]}";
            s.getOutputStream().write(("POST /jsonrpc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("\"result\":\"c\""), answer);
            java.security.cert.X509Certificate cert =
                    (java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0];
            assertTrue(((java.security.interfaces.RSAPublicKey) cert.getPublicKey()).getModulus().bitLength() >= 2048);
        }
        try (Socket s = tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("CONNECT /console?ref=" + rfb + "&session_id=" + session + " HTTP/1.0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 200 OK\r\n\r\n" + GREETING, read(s, 19 + GREETING.length()));
        }
    }

    private Socket connect(String request) throws IOException {
        Socket s = new Socket("127.0.0.1", host.uri("/").getPort());
        s.setSoTimeout(10_000);
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    private String status(String request) throws IOException {
        try (Socket s = connect(request)) {
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String read(Socket s, int n) throws IOException {
        return new String(s.getInputStream().readNBytes(n), StandardCharsets.ISO_8859_1);
    }
}
