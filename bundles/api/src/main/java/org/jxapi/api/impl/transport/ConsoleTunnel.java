package org.jxapi.api.impl.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;
import org.jxapi.api.Call;
import org.jxapi.api.impl.dispatch.Origin;
import org.jxapi.api.impl.dispatch.RpcDispatcher;
import org.jxapi.xenapi.model.Model;
import org.jxapi.xenapi.model.MessageMeta;
import org.jxapi.xenapi.model.Ref;
import org.jxapi.xenapi.model.XenApiException;
import org.jxapi.xenapi.model.types.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code CONNECT /console?...} connection, as the original serves it: the caller proves a session
 * ({@code session_id} in the query or a cookie, or basic authentication), names a console or a VM
 * ({@code ref=} or {@code uuid=}), gets {@code HTTP/1.1 200 OK}, and from then on the connection is
 * the console itself (RFB or the text console), relayed byte for byte to where xenops serves it.
 */
final class ConsoleTunnel extends AbstractConnection implements Connection.UpgradeTo {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleTunnel.class);
    private static final int MAX_HEADER = 16 * 1024;
    /** The original gives console access to the roles that may operate VMs (vm-operator and above). */
    private static final MessageMeta PERMISSION = Model.message("VM.start");

    private final RpcDispatcher core;
    private final ByteBuffer in = BufferUtil.allocate(MAX_HEADER);
    private volatile boolean relaying;

    ConsoleTunnel(EndPoint endPoint, Executor executor, RpcDispatcher core) {
        super(endPoint, executor);
        this.core = core;
    }

    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        BufferUtil.append(in, prefilled);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        // Everything here blocks (session checks, connecting, then relaying for as long as the console is open):
        // a thread of its own, so that open consoles never use up the XenAPI's request threads.
        Thread t = new Thread(this::serve, "jxapi-console-in");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void onFillable() {
        // Reads are driven by serve() and the relay, not by fill interest of this connection.
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        // A console may stay quiet for hours; only a half-made request times out.
        return !relaying;
    }

    private void serve() {
        try {
            int end;
            while ((end = headerEnd()) < 0) {
                if (BufferUtil.space(in) == 0 || fill(in) < 0) {
                    close();
                    return;
                }
            }
            byte[] head = new byte[end];
            in.get(head);
            SocketChannel console;
            try {
                console = open(head);
            } catch (Refusal r) {
                write(ByteBuffer.wrap(("HTTP/1.1 " + r.status + "\r\nContent-Type: text/plain\r\nContent-Length: "
                        + r.getMessage().length() + "\r\nConnection: close\r\n\r\n" + r.getMessage())
                        .getBytes(StandardCharsets.UTF_8)));
                close();
                return;
            }
            relay(console);
        } catch (Exception e) {
            LOG.debug("console connection ended", e);
            close();
        }
    }

    /** Authenticates the request and connects to the console it names. */
    private SocketChannel open(byte[] head) throws Exception {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3) {
            throw new Refusal("400 Bad Request", "malformed request line");
        }
        String target = requestLine[1];
        int q = target.indexOf('?');
        if (!(q < 0 ? target : target.substring(0, q)).equals("/console")) {
            throw new Refusal("404 Not Found", "only /console may be connected to");
        }
        Map<String, String> query = query(q < 0 ? "" : target.substring(q + 1));
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
            }
        }
        Origin origin = new Origin(String.valueOf(getEndPoint().getRemoteSocketAddress()), false);
        Ref<Session> temporary = null;
        try {
            String session = query.get("session_id");
            if (session == null) {
                session = cookie(headers.get("cookie"), "session_id");
            }
            if (session == null) {
                temporary = basicLogin(headers.get("authorization"), origin);
                session = temporary.handle();
            }
            Call call;
            try {
                call = core.authenticate(session, PERMISSION);
            } catch (XenApiException e) {
                throw new Refusal(e.code().equals("RBAC_PERMISSION_DENIED") ? "403 Forbidden" : "401 Unauthorized",
                        String.join(" ", e.errorDescription()));
            }
            ConsoleTargets.Target where = new ConsoleTargets(core, call.session().handle(), origin)
                    .find(query.get("ref"), query.get("uuid"));
            SocketChannel ch;
            if (where.unixPath() != null) {
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.connect(UnixDomainSocketAddress.of(where.unixPath()));
            } else {
                ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", where.port()));
            }
            return ch;
        } catch (XenApiException e) {
            throw new Refusal("404 Not Found", String.join(" ", e.errorDescription()));
        } catch (IOException e) {
            throw new Refusal("503 Service Unavailable", "the console does not answer: " + e.getMessage());
        } finally {
            if (temporary != null) {
                core.logout(temporary);
            }
        }
    }

    private Ref<Session> basicLogin(String auth, Origin origin) throws Refusal {
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Refusal("400 Bad Request", "malformed basic authentication");
            }
            int colon = decoded.indexOf(':');
            if (colon >= 0) {
                try {
                    return core.loginForRequest(decoded.substring(0, colon), decoded.substring(colon + 1), origin);
                } catch (XenApiException e) {
                    throw new Refusal("401 Unauthorized", String.join(" ", e.errorDescription()));
                }
            }
        }
        throw new Refusal("401 Unauthorized", "a session_id or basic authentication is needed");
    }

    /** Answers 200 and copies bytes both ways until either side closes. */
    private void relay(SocketChannel console) throws Exception {
        relaying = true;
        write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        Thread back = new Thread(() -> consoleToClient(console), "jxapi-console-relay");
        back.setDaemon(true);
        back.start();
        try (console) {
            // Bytes the client sent right after its request are already the console's.
            while (in.hasRemaining()) {
                console.write(in);
            }
            ByteBuffer buf = BufferUtil.allocate(16 * 1024);
            while (fill(buf) >= 0) {
                while (buf.hasRemaining()) {
                    console.write(buf);
                }
                BufferUtil.clear(buf);
            }
        } finally {
            close();
        }
    }

    private void consoleToClient(SocketChannel console) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (console.read(buf) >= 0) {
                buf.flip();
                write(buf);
                buf.clear();
            }
        } catch (Exception e) {
            LOG.debug("console relay ended", e);
        } finally {
            try {
                console.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            close();
        }
    }

    /** Blocking fill: the bytes read, -1 at the end of the stream. */
    private int fill(ByteBuffer buffer) throws Exception {
        while (true) {
            int n = getEndPoint().fill(buffer);
            if (n != 0) {
                return n;
            }
            FutureCallback readable = new FutureCallback();
            getEndPoint().fillInterested(readable);
            readable.get();
        }
    }

    private void write(ByteBuffer buffer) throws Exception {
        FutureCallback done = new FutureCallback();
        getEndPoint().write(done, buffer);
        done.get();
    }

    private int headerEnd() {
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                return i + 4 - in.position();
            }
        }
        return -1;
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        for (String pair : q.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                out.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String cookie(String header, String name) {
        if (header != null) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** A request answered with an HTTP error instead of the console. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String status;

        Refusal(String status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
