package org.jxapi.api.impl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A keep-alive HTTP/1.1 client that shows exactly what the server did: it reconnects only when
 * the server said {@code Connection: close}, so any other dropped connection surfaces as an error
 * naming the exchange that came before it.
 */
final class FuzzClient implements AutoCloseable {
    record Reply(int status, byte[] body, boolean close) { }

    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private String previous = "(none)";

    FuzzClient(int port) {
        this.port = port;
    }

    Reply post(String path, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(15_000);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
        String status;
        try {
            status = line();
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException("no answer within 15 s to " + path + " " + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)
                    + "; the exchange before was " + previous, e);
        }
        if (status == null) {
            throw new IOException("the server closed the connection without answering; the exchange before was "
                    + previous);
        }
        int length = -1;
        boolean close = false;
        String h;
        while ((h = line()) != null && !h.isEmpty()) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        byte[] b = length < 0 ? in.readAllBytes() : in.readNBytes(length);
        Reply r = new Reply(Integer.parseInt(status.split(" ")[1]), b, close || length < 0);
        previous = path + " " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1)
                + " -> " + status;
        if (r.close) {
            close();
        }
        return r;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return c < 0 && sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
