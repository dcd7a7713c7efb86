package org.jxapi.common.net;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one rule for Unix domain socket paths. Linux's {@code sun_path} holds 108 bytes with the
 * terminating zero, and the JDK's {@code UnixDomainSocketAddress} binds at most
 * {@value #MAX_BYTES} bytes of path (its own limit, tested in UnixSocketPathTest), so every socket
 * jxapi binds or connects to is checked against that one number.
 */
public final class UnixSocketPath {
    /** The longest path, in UTF-8 bytes, that the JDK binds. */
    public static final int MAX_BYTES = 106;

    private UnixSocketPath() {
    }

    public static int length(Path p) {
        return p.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
    }

    public static boolean fits(Path p) {
        return length(p) <= MAX_BYTES;
    }

    /** The absolute path, or an IllegalArgumentException that says by how much it is too long. */
    public static Path check(Path p) {
        Path abs = p.toAbsolutePath();
        int n = length(abs);
        if (n > MAX_BYTES) {
            throw new IllegalArgumentException("the Unix socket path " + abs + " is " + n + " bytes long; at most "
                    + MAX_BYTES + " fit (choose a shorter directory)");
        }
        return abs;
    }

    /**
     * The absolute path if it fits; else a short stand-in under /tmp (not java.io.tmpdir, which Karaf
     * points into its possibly deep data directory), {@code /tmp/<prefix><12 hex digits of the
     * path's SHA-256>.sock}, stable for one wanted path, so a restarted server binds where clients look.
     */
    public static Path orShortUnderTmp(Path wanted, String prefix) {
        Path abs = wanted.toAbsolutePath();
        if (fits(abs)) {
            return abs;
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(abs.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        return check(Path.of("/tmp", prefix + HexFormat.of().formatHex(digest, 0, 6) + ".sock"));
    }
}
