package org.jxapi.xenops.qemu.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text console over TCP: qemu serves the serial console on a Unix socket only (a serial port
 * has one back end), so each TCP client is joined to that socket, one at a time as qemu allows.
 * After a toolstack restart the proxy comes back on the port it had, recorded with the domain.
 */
final class ConsoleProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProxy.class);
    private final ServerSocket server;
    private final Path target;
    private volatile boolean closed;

    ConsoleProxy(String listen, int port, Path target) throws IOException {
        this.target = target;
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(InetAddress.getByName(listen), port));
        } catch (IOException e) {
            if (port == 0) {
                s.close();
                throw e;
            }
            // The old port is taken now: any port will do, and the domain records the new one.
            s.close();
            s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(listen), 0));
        }
        this.server = s;
        Thread t = new Thread(this::acceptLoop, "console-" + s.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket client = server.accept();
                    SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                unix.connect(UnixDomainSocketAddress.of(target));
                InputStream fromQemu = Channels.newInputStream(unix);
                Thread up = new Thread(() -> pump(client, unix), "console-in-" + port());
                up.setDaemon(true);
                up.start();
                fromQemu.transferTo(client.getOutputStream());
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("console proxy on port {}: {}", port(), e.toString());
                }
            }
        }
    }

    /**
     * Client to qemu; when the client leaves, both ends close so that the next client can have the
     * console. Writes go to the channel itself: a stream from Channels.newOutputStream would wait
     * for the lock the reading side holds while it blocks.
     */
    private static void pump(Socket client, SocketChannel unix) {
        try {
            InputStream in = client.getInputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    unix.write(b);
                }
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            try {
                client.close();
                unix.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.trace("closing console proxy", e);
        }
    }
}
