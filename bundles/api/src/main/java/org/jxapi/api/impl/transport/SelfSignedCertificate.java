package org.jxapi.api.impl.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jxapi.common.exec.CommandException;
import org.jxapi.common.exec.CommandResult;
import org.jxapi.common.exec.ExternalCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's TLS identity: a self-signed RSA 2048 certificate whose subject alternative names hold
 * the host name and every address of the host, made once at first start and kept in a PKCS#12
 * keystore beside its password file. The JDK has no public API to sign certificates, so the
 * JDK's own keytool makes it.
 */
final class SelfSignedCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);

    record Keystore(Path path, String password) { }

    private SelfSignedCertificate() {
    }

    static Keystore ensure(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path store = dir.resolve("xapi-ssl.p12");
        Path pass = dir.resolve("xapi-ssl.pass");
        if (Files.exists(store) && Files.exists(pass)) {
            return new Keystore(store, Files.readString(pass, StandardCharsets.UTF_8).trim());
        }
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String host = hostName();
        List<String> san = new ArrayList<>();
        san.add("dns:" + host);
        san.add("dns:localhost");
        for (String ip : addresses()) {
            san.add("ip:" + ip);
        }
        Path tmp = dir.resolve("xapi-ssl.p12.tmp");
        Files.deleteIfExists(tmp);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "xapi", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-validity", "3650", "-dname", "CN=" + host, "-ext", "SAN=" + String.join(",", san),
                "-keystore", tmp.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        CommandResult r;
        try {
            r = ExternalCommand.of(cmd).withMergedOutput().withTimeout(Duration.ofSeconds(60)).run();
        } catch (CommandException e) {
            if (e.kind() == CommandException.Kind.CANCELLED) {
                throw new IOException("interrupted while making the certificate", e);
            }
            throw new IOException("keytool could not make the certificate: " + e.getMessage() + ": " + e.stdout(), e);
        }
        if (!r.ok()) {
            throw new IOException("keytool could not make the certificate: " + r.stdout());
        }
        Files.writeString(pass, password, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, store);
        LOG.info("created the host's self-signed TLS certificate for {} ({})", host, san);
        return new Keystore(store, password);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Set<String> addresses() {
        Set<String> out = new LinkedHashSet<>();
        out.add("127.0.0.1");
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String s = a.getHostAddress();
                    int zone = s.indexOf('%');
                    out.add(zone < 0 ? s : s.substring(0, zone));
                }
            }
        } catch (IOException ignored) {
            // keep loopback only
        }
        return out;
    }
}
