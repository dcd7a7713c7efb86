package org.jxapi.common.rpc;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.util.BufferUtil;

/**
 * One kept-alive HTTP/1.1 connection to a Unix socket, used by one caller at a time, blocking on the
 * caller's thread: Jetty's HttpGenerator writes each request and Jetty's HttpParser reads each response.
 * Jetty's HttpClient does the same work asynchronously, handing every response from its selector to a
 * pool thread and then to the caller; on a 2-core host that made a small xenops call twice as costly
 * as the socket's own round trip (see RpcClient). The socket channel is interruptible: an interrupted
 * caller's call fails with ClosedByInterruptException and the connection is closed.
 */
final class HttpOverUnixSocket implements Closeable {
    private static final HttpURI ROOT = HttpURI.from("/");
    private static final HttpFields FIELDS = HttpFields.build()
            .put(HttpHeader.HOST, "localhost")
            .put(HttpHeader.CONTENT_TYPE, "application/json")
            .asImmutable();
    private static final int BUFFER = 16 * 1024;

    private final SocketChannel channel;
    private final int maxResponse;
    private final HttpGenerator generator = new HttpGenerator();
    private final Reply reply = new Reply();
    private final HttpParser parser = new HttpParser(reply);
    private final ByteBuffer in = BufferUtil.allocate(BUFFER);
    private ByteBuffer header;
    /** System.nanoTime() when the current exchange began, 0 between exchanges (for RpcClient's watchdog). */
    volatile long busySince;

    HttpOverUnixSocket(Path socket, int maxResponse) throws IOException {
        this.channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        this.maxResponse = maxResponse;
    }

    /** The response to one request. */
    record Response(int status, byte[] body, boolean keepAlive, boolean anyReceived) {
    }

    /** A failure of an exchange, saying whether any byte of the response had arrived. */
    static final class ExchangeFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final boolean anyReceived;

        ExchangeFailure(IOException cause, boolean anyReceived) {
            super(cause.getMessage(), cause);
            this.anyReceived = anyReceived;
        }
    }

    /** POSTs {@code body} to {@code /} and reads the whole response. */
    Response post(byte[] body) throws ExchangeFailure {
        busySince = System.nanoTime();
        boolean anyReceived = false;
        try {
            generator.reset();
            write(body);
            boolean persistent = generator.isPersistent();
            parser.reset();
            reply.reset();
            while (!reply.complete) {
                if (parser.parseNext(in)) {
                    continue;
                }
                if (reply.complete) {
                    break;
                }
                if (reply.failure != null) {
                    throw new IOException("bad HTTP response: " + reply.failure.getCode() + " " + reply.failure.getReason());
                }
                if (BufferUtil.isFull(in)) {
                    BufferUtil.compact(in);
                    if (BufferUtil.isFull(in)) {
                        // The parser took nothing from a full buffer: reading on would spin on zero bytes.
                        throw new IOException("response head larger than " + BUFFER + " bytes");
                    }
                }
                int pos = BufferUtil.flipToFill(in);
                int n;
                try {
                    n = channel.read(in);
                } finally {
                    BufferUtil.flipToFlush(in, pos);
                }
                if (n < 0) {
                    parser.atEOF();
                    parser.parseNext(in);
                    if (!reply.complete) {
                        throw new EOFException("the server closed the connection"
                                + (anyReceived ? " in a response" : " before responding"));
                    }
                } else if (n > 0) {
                    anyReceived = true;
                }
                if (reply.body.size() > maxResponse) {
                    throw new IOException("response larger than " + maxResponse + " bytes");
                }
            }
            return new Response(reply.status, reply.body.toByteArray(), !parser.isClose() && persistent,
                    anyReceived);
        } catch (IOException e) {
            throw e instanceof ExchangeFailure f ? f : new ExchangeFailure(e, anyReceived);
        } finally {
            busySince = 0;
        }
    }

    private void write(byte[] body) throws IOException {
        MetaData.Request request = new MetaData.Request(HttpMethod.POST.asString(), ROOT, HttpVersion.HTTP_1_1, FIELDS,
                body.length);
        ByteBuffer content = ByteBuffer.wrap(body);
        while (true) {
            HttpGenerator.Result r = generator.generateRequest(request, header, null, content, true);
            switch (r) {
                case NEED_HEADER -> header = BufferUtil.allocate(1024);
                case FLUSH -> {
                    ByteBuffer[] out = {header, content};
                    while (header.hasRemaining() || content.hasRemaining()) {
                        channel.write(out);
                    }
                    BufferUtil.clear(header);
                }
                case CONTINUE -> {
                    if (generator.isEnd()) {
                        return;
                    }
                }
                case DONE, SHUTDOWN_OUT -> {
                    return;
                }
                default -> throw new IOException("cannot write the request: " + r);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }

    /** What the parser reports of one response: its status and body; headers are not needed. */
    private static final class Reply implements HttpParser.ResponseHandler {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status;
        boolean complete;
        HttpException failure;

        void reset() {
            body.reset();
            status = 0;
            complete = false;
            failure = null;
        }

        @Override
        public void startResponse(HttpVersion version, int status, String reason) {
            this.status = status;
        }

        @Override
        public void parsedHeader(HttpField field) {
        }

        @Override
        public boolean headerComplete() {
            return false;
        }

        @Override
        public boolean content(ByteBuffer content) {
            byte[] b = new byte[content.remaining()];
            content.get(b);
            body.writeBytes(b);
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            complete = true;
            return true;
        }

        @Override
        public void earlyEOF() {
        }

        @Override
        public void badMessage(HttpException failure) {
            this.failure = failure;
        }
    }
}
