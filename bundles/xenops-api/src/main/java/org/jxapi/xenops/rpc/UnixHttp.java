package org.jxapi.xenops.rpc;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/** HTTP/1.1 POSTs over a Unix domain socket, keeping idle connections for reuse. */
final class UnixHttp implements AutoCloseable {
    private final UnixDomainSocketAddress address;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    UnixHttp(Path socket) {
        this.address = UnixDomainSocketAddress.of(socket);
    }

    byte[] post(String path, byte[] body) {
        Connection c = idle.pollFirst();
        boolean reused = c != null;
        try {
            if (c == null) {
                c = new Connection(address);
            }
            try {
                return exchange(c, path, body);
            } catch (EOFException e) {
                // A kept connection the server closed meanwhile: try once more on a fresh one.
                c.close();
                if (!reused) {
                    throw e;
                }
                c = new Connection(address);
                return exchange(c, path, body);
            }
        } catch (IOException e) {
            if (c != null) {
                c.close();
            }
            throw new UncheckedIOException("xenops socket " + address.getPath() + ": " + e.getMessage(), e);
        }
    }

    private byte[] exchange(Connection c, String path, byte[] body) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(h.length + body.length);
        buf.put(h).put(body).flip();
        while (buf.hasRemaining()) {
            c.channel.write(buf);
        }
        Response r = read(c.in);
        if (r.keepAlive && !closed) {
            idle.addFirst(c);
        } else {
            c.close();
        }
        if (r.status != 200) {
            throw new IOException("HTTP " + r.status + ": " + new String(r.body, StandardCharsets.UTF_8));
        }
        return r.body;
    }

    private record Response(int status, boolean keepAlive, byte[] body) {
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("bad status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean keepAlive = parts[0].equals("HTTP/1.1");
        String l;
        while (!(l = line(in)).isEmpty()) {
            int colon = l.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                out.write(in.readNBytes(n));
                line(in);
            }
            body = out.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new EOFException("short body");
            }
        } else {
            body = in.readAllBytes();
            keepAlive = false;
        }
        return new Response(code, keepAlive, body);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        throw new EOFException("connection closed");
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    private static final class Connection {
        final SocketChannel channel;
        final InputStream in;

        Connection(UnixDomainSocketAddress address) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(address);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            in = new BufferedInputStream(Channels.newInputStream(channel), 8192);
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do with a broken connection
            }
        }
    }
}
