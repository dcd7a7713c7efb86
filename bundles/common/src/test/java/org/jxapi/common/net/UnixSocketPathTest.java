package org.jxapi.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketPathTest {

    /** Moved from xenops-server's XenopsInstanceTest: the constant is the JDK's real limit, not a guess. */
    @Test
    void aSocketPathAtTheLimitCanBeBoundAndOneByteMoreIsMovedUnderTmp(@TempDir Path dir) throws Exception {
        String prefix = dir.toAbsolutePath() + "/";
        Path atLimit = Path.of(prefix + "s".repeat(UnixSocketPath.MAX_BYTES - prefix.length()));
        assertEquals(atLimit, UnixSocketPath.orShortUnderTmp(atLimit, "jxapi-test-"));
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(atLimit));
        }
        Path tooLong = Path.of(atLimit + "x");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertThrows(SocketException.class, () -> ch.bind(UnixDomainSocketAddress.of(tooLong)));
        }
        Path moved = UnixSocketPath.orShortUnderTmp(tooLong, "jxapi-test-");
        assertTrue(moved.startsWith("/tmp"), moved.toString());
        assertTrue(moved.toString().length() <= UnixSocketPath.MAX_BYTES);
        assertEquals(moved, UnixSocketPath.orShortUnderTmp(tooLong, "jxapi-test-"), "stable");
    }

    @Test
    void checkSaysHowLongThePathIs() {
        Path p = Path.of("/" + "d".repeat(120));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnixSocketPath.check(p));
        assertTrue(e.getMessage().contains("121 bytes long; at most 106 fit"), e.getMessage());
        assertEquals(Path.of("/tmp/a.sock"), UnixSocketPath.check(Path.of("/tmp/a.sock")));
    }

    @Test
    void lengthCountsUtf8Bytes() {
        assertEquals(3, UnixSocketPath.length(Path.of("/\u00e9")));
    }
}
